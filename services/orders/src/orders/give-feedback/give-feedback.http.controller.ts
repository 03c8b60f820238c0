import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { GiveFeedbackHandler } from './give-feedback.handler';
import { GiveFeedbackRequest } from './give-feedback.request.dto';

@ApiTags('orders')
@Controller('orders')
export class GiveFeedbackHttpController {
  constructor(private readonly giveFeedback: GiveFeedbackHandler) {}

  @Post(':id/feedback')
  @HttpCode(200)
  @Roles('resident')
  @ApiOperation({ summary: 'Rate a fulfilled order 1-5 with an optional comment (its resident); this closes it' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is not fulfilled (or already closed)' })
  async rate(@Param('id') id: string, @Body() body: GiveFeedbackRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.giveFeedback.execute(id, principal, body);
    return OrderResponse.from(state, version, null, body.comment);
  }
}
