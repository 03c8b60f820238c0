import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { CancelOrderHandler } from './cancel-order.handler';
import { CancelOrderRequest } from './cancel-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class CancelOrderHttpController {
  constructor(private readonly cancelOrder: CancelOrderHandler) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('resident', 'social_worker', 'supervisor', 'committee', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Cancel an order: before work starts, its resident or staff of its station; once started (IN_PROGRESS), a supervisor of its station or an admin' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is fulfilled, closed or cancelled — or in progress, for anyone but a supervisor of its station or an admin' })
  async cancel(@Param('id') id: string, @Body() body: CancelOrderRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.cancelOrder.execute(id, principal, body);
    return OrderResponse.from(state, version);
  }
}
