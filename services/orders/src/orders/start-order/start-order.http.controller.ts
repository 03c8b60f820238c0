import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { StartOrderHandler } from './start-order.handler';

@ApiTags('orders')
@Controller('orders')
export class StartOrderHttpController {
  constructor(private readonly startOrder: StartOrderHandler) {}

  @Post(':id/start')
  @HttpCode(200)
  @Roles('committee', 'partner', 'coordinator')
  @ApiOperation({
    summary:
      'Start the work (a member of the fulfiller the order was routed to). An escalated order the village committee does itself is started from CLAIMED or ESCALATED by the committee member who took it (or, at the committee level while nobody holds it, a committee member of its station): routed to their committee and started at once',
  })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is neither routed nor (for the committee) claimed or escalated' })
  async start(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.startOrder.execute(id, principal);
    return OrderResponse.from(state, version);
  }
}
