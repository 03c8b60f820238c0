import { OrderHandedBackV1 } from '@lantern/contracts';
import { forbidden } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { isFulfillerMember } from '../domain/order-access.policy';
import { requireVisible } from '../domain/order-guards';
import { assertAllowed } from '../domain/order-transitions';
import { OrderRepository } from '../order.repository';
import { HandBackOrderRequest } from './hand-back-order.request.dto';

/**
 * The fulfiller cannot do it: the order goes back to CLAIMED, to whoever holds the claim, who
 * routes it anew (to another fulfiller, or the same one later). The fulfil clocks of the old
 * routing then find it moved on and do nothing.
 */
@Injectable()
export class HandBackOrderHandler {
  constructor(private readonly orders: OrderRepository) {}

  execute(orderId: string, principal: Principal, request: HandBackOrderRequest) {
    return this.orders.execute(orderId, (order) => {
      requireVisible(order, orderId, principal);
      assertAllowed(order, 'hand_back');
      if (!order.fulfiller || !isFulfillerMember(principal, order)) throw forbidden('Only a member of the fulfiller this order was routed to may hand it back');
      return [
        {
          type: OrderHandedBackV1.type,
          data: {
            orderId,
            fulfiller: order.fulfiller,
            reason: request.reason,
            handedBackBy: principal.sub,
            // Set by the claim or by the routing that took an escalated order: never null once routed.
            returnedTo: order.claimedBy!,
            stationId: order.stationId,
            handedBackAt: new Date().toISOString(),
          },
        },
      ];
    });
  }
}
