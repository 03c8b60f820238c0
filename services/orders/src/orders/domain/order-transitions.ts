import { conflict } from '@lantern/http';
import { OrderStatus } from './order-status';

/** What can happen to an order, by command (people) or by reaction (matching, clocks). */
export type OrderAction = 'offer' | 'claim' | 'escalate' | 'cancel' | 'route' | 'start' | 'complete' | 'rate' | 'close';

/**
 * The order journey (DESIGN.md) as data: the statuses each action may start from. Every
 * command and every reaction asks this table, so the journey is defined in one place.
 */
export const ALLOWED_FROM: Record<OrderAction, readonly OrderStatus[]> = {
  offer: ['PLACED', 'OFFERED'],
  claim: ['PLACED', 'OFFERED', 'ESCALATED'],
  escalate: ['PLACED', 'OFFERED', 'ESCALATED'],
  // Before IN_PROGRESS: once somebody is at the door, the order can no longer be called off.
  cancel: ['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED'],
  // ESCALATED: nobody claimed in time, a supervisor of the station routes it as backstop.
  route: ['CLAIMED', 'ESCALATED'],
  start: ['ROUTED'],
  complete: ['IN_PROGRESS'],
  rate: ['FULFILLED'],
  close: ['FULFILLED'],
};

export function isAllowed(status: OrderStatus, action: OrderAction): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** 409 naming the current status and the attempted action when the journey does not allow it. */
export function assertAllowed(order: { id: string; status: OrderStatus }, action: OrderAction): void {
  if (!isAllowed(order.status, action)) {
    throw conflict(`Order ${order.id} is ${order.status}: it cannot be ${PAST[action]} now`, { currentStatus: order.status, action });
  }
}

const PAST: Record<OrderAction, string> = {
  offer: 'offered',
  claim: 'claimed',
  escalate: 'escalated',
  cancel: 'cancelled',
  route: 'routed',
  start: 'started',
  complete: 'completed',
  rate: 'rated',
  close: 'closed',
};
