import { OrderStartedV1 } from '@lantern/contracts';
import { forbidden, Principal } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { isFulfillerMember } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';

/** A member of the routed fulfiller starts the work; from here on the order cannot be cancelled. */
@Injectable()
export class StartOrderHandler {
  constructor(private readonly orders: OrderRepository) {}

  execute(orderId: string, principal: Principal) {
    return this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'start');
      if (!order.fulfiller || !isFulfillerMember(principal, order)) throw forbidden('Only a member of the fulfiller this order was routed to may start it');
      return [{ type: OrderStartedV1.type, data: { orderId, startedBy: principal.sub, fulfiller: order.fulfiller, startedAt: new Date().toISOString() } }];
    });
  }
}
