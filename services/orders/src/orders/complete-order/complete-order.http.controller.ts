import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { CompleteOrderHandler } from './complete-order.handler';
import { CompleteOrderRequest } from './complete-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class CompleteOrderHttpController {
  constructor(private readonly completeOrder: CompleteOrderHandler) {}

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('committee', 'partner', 'coordinator', 'supervisor')
  @ApiOperation({
    summary: 'Report the work done, with its outcome and who took part (a member of the routed fulfiller)',
    description: 'A station supervisor who took an escalated order may complete it from CLAIMED without routing it: the station did it with its own staff and is its fulfiller (order.completed.v2).',
  })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is not in progress' })
  async complete(@Param('id') id: string, @Body() body: CompleteOrderRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.completeOrder.execute(id, principal, body);
    return OrderResponse.from(state, version);
  }
}
