import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { canCancel, canCancelStarted } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed, isAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { TextsClock } from '../texts-clock';
import { CancelOrderRequest } from './cancel-order.request.dto';
import { orderCancelled } from './order-cancelled.event';

/**
 * The resident, or staff of the station for them, calls the order off before work starts; a
 * supervisor of the station (or an admin) may still do so once it started, at any state before
 * FULFILLED. Matching withdraws its offers (and voids the claim) on the event; the fulfiller is told.
 * The order has ended: the clock that expires its texts starts (TextsClock).
 */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly orders: OrderRepository,
    private readonly textsClock: TextsClock,
  ) {}

  async execute(orderId: string, principal: Principal, request: CancelOrderRequest) {
    const result = await this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      if (isAllowed(order.status, 'cancel')) {
        if (!canCancel(principal, order)) throw forbidden('Only the resident or staff of its station may cancel this order');
      } else {
        // Work has started: only a supervisor may still call it off. Anyone else hears the journey's 409.
        if (!isAllowed(order.status, 'supervisor_cancel') || !canCancelStarted(principal, order)) assertAllowed(order, 'cancel');
      }
      return [orderCancelled(order, principal.sub, request.reason)];
    });
    await this.textsClock.startFor(result.state);
    return result;
  }
}
