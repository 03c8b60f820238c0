import { now } from '@lantern/clock';
import { OrderCancelledConfidentialV1, OrderCancelledV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { OrderState } from '../domain/order.state';

/** The cancellation, as its order's privacy class publishes it: a confidential order's names neither the resident nor, when they cancelled, who did. */
export function orderCancelled(order: OrderState, cancelledBy: string, reason: string): NewEvent {
  const common = { orderId: order.id, stationId: order.stationId, reason, cancelledAt: now().toISOString(), fulfiller: order.fulfiller };
  if (order.privacy === 'confidential') {
    return {
      type: OrderCancelledConfidentialV1.type,
      data: { ...common, residentRef: order.residentRef, cancelledBy: cancelledBy === order.residentId ? null : cancelledBy },
    };
  }
  return { type: OrderCancelledV1.type, data: { ...common, residentId: order.residentId, cancelledBy } };
}
