import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { HandBackOrderHandler } from './hand-back-order.handler';
import { HandBackOrderRequest } from './hand-back-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class HandBackOrderHttpController {
  constructor(private readonly handBack: HandBackOrderHandler) {}

  @Post(':id/hand-back')
  @HttpCode(200)
  @Roles('committee', 'partner', 'coordinator')
  @ApiOperation({ summary: 'The fulfiller cannot do it: hand the order back, with a coded reason, to whoever holds the claim (it is CLAIMED again, to be routed anew)' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is not routed or in progress' })
  async handBackOrder(@Param('id') id: string, @Body() body: HandBackOrderRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.handBack.execute(id, principal, body);
    return OrderResponse.from(state, version);
  }
}
