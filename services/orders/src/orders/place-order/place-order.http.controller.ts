import { ApiProblemResponses, CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderResponse } from '../order.response.dto';
import { PlaceOrderHandler } from './place-order.handler';
import { PlaceOrderRequest } from './place-order.request.dto';

@ApiTags('orders')
@Controller('orders')
export class PlaceOrderHttpController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('resident', 'social_worker', 'supervisor', 'committee')
  @ApiOperation({ summary: 'Place an order for a service (a resident, or staff on behalf of one)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body give the same order' })
  @ApiCreatedResponse({ type: OrderResponse })
  @ApiProblemResponses({
    400: 'A field is missing or invalid, each named in errors (residentId may be left out, but not null)',
    401: 'No valid bearer token',
    403: 'Staff may place orders only for residents of their own stations',
    409: 'A request with this Idempotency-Key is still in progress',
    422: 'The service is not on the menu or the station does not exist (body.serviceCode, body.stationId); staff must name body.residentId; or the Idempotency-Key was used with a different body',
  })
  async place(@Body() body: PlaceOrderRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<OrderResponse> {
    const state = await this.placeOrder.execute({ principal, request: body, idempotencySeed: request.idempotencySeed });
    return OrderResponse.from(state, state.timeline.length, body.details);
  }
}
