import { forbidden, Principal } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { canCancel } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { CancelOrderRequest } from './cancel-order.request.dto';
import { orderCancelled } from './order-cancelled.event';

/** The resident, or staff of the station for them, calls the order off before work starts. Matching withdraws its offers on the event. */
@Injectable()
export class CancelOrderHandler {
  constructor(private readonly orders: OrderRepository) {}

  execute(orderId: string, principal: Principal, request: CancelOrderRequest) {
    return this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'cancel');
      if (!canCancel(principal, order)) throw forbidden('Only the resident or staff of its station may cancel this order');
      return [orderCancelled(order, principal.sub, request.reason)];
    });
  }
}
