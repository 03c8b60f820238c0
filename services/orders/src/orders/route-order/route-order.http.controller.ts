import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { RouteOrderHandler } from './route-order.handler';
import { RouteOrderRequest } from './route-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class RouteOrderHttpController {
  constructor(private readonly routeOrder: RouteOrderHandler) {}

  @Post(':id/route')
  @HttpCode(200)
  @Roles('social_worker', 'supervisor', 'committee')
  @ApiOperation({ summary: 'Name the fulfiller: committee, partner or volunteer team (whoever holds the claim; while escalated, a station supervisor, or a village committee member once it reached the committee)' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiConflictResponse({ description: 'The order is not claimed (or escalated)' })
  @ApiUnprocessableEntityResponse({
    description: 'The fulfiller is not in the directory, is of another type, is inactive, or does not serve the order’s station or the service’s category (errors name body.fulfiller.id or body.fulfiller.type)',
  })
  async route(@Param('id') id: string, @Body() body: RouteOrderRequest, @CurrentPrincipal() principal: Principal): Promise<OrderResponse> {
    const { state, version } = await this.routeOrder.execute(id, principal, body);
    return OrderResponse.from(state, version);
  }
}
