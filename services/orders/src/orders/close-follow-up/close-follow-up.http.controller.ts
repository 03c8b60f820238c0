import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { CloseFollowUpHandler } from './close-follow-up.handler';
import { CloseFollowUpRequest } from './close-follow-up.request.dto';

@ApiTags('orders')
@Controller('orders')
export class CloseFollowUpHttpController {
  constructor(private readonly closeFollowUp: CloseFollowUpHandler) {}

  @Post(':id/follow-up/close')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Close the low-rating follow-up case of an order with its outcome (a supervisor of its station)' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order has no open follow-up case (not rated low, or closed already)' })
  async close(@Param('id') id: string, @Body() body: CloseFollowUpRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.closeFollowUp.execute(id, principal, body);
    return OrderResponse.from(state, version);
  }
}
