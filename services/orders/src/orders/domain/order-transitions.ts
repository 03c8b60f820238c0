import { TransitionRefused } from './order-errors';
import { OrderStatus } from './order-status';

/** What can happen to an order, by command (people) or by reaction (matching, clocks). */
export type OrderAction =
  | 'offer'
  | 'claim'
  | 'escalate'
  | 'cancel'
  | 'supervisor_cancel'
  | 'route'
  | 'hand_back'
  | 'reassign'
  | 'start'
  | 'start_directly'
  | 'complete'
  | 'complete_directly'
  | 'rate'
  | 'close'
  | 'close_follow_up';

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
  // A station supervisor may still call it off once work started, with a reason: any state before FULFILLED.
  supervisor_cancel: ['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED', 'IN_PROGRESS'],
  // ESCALATED: nobody claimed in time, a supervisor (or, at committee level, the committee) routes it as backstop.
  route: ['CLAIMED', 'ESCALATED'],
  // The fulfiller cannot do it: back to CLAIMED, for whoever holds the claim to route it anew.
  hand_back: ['ROUTED', 'IN_PROGRESS'],
  // The claim moves to another worker of the station (decided by matching); the status stays.
  reassign: ['CLAIMED', 'ROUTED', 'IN_PROGRESS'],
  start: ['ROUTED'],
  // The committee as backstop does an escalated order itself: routed to its own committee and started at once.
  start_directly: ['CLAIMED', 'ESCALATED'],
  complete: ['IN_PROGRESS'],
  // A station supervisor who took an escalated order does it with the station's staff: CLAIMED → FULFILLED, the station as fulfiller.
  complete_directly: ['CLAIMED'],
  rate: ['FULFILLED'],
  close: ['FULFILLED'],
  // A rating closes the order; its follow-up case (if the rating opened one) is closed after that.
  close_follow_up: ['CLOSED'],
};

export function isAllowed(status: OrderStatus, action: OrderAction): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** TransitionRefused (answered as 409) naming the current status and the attempted action when the journey does not allow it. */
export function assertAllowed(order: { id: string; status: OrderStatus }, action: OrderAction): void {
  if (!isAllowed(order.status, action)) {
    const hint = REFUSAL_HINTS[action]?.from.includes(order.status) ? ` (${REFUSAL_HINTS[action].hint})` : '';
    throw new TransitionRefused(order.id, order.status, action, `Order ${order.id} is ${order.status}: it cannot be ${PAST[action]} now${hint}`);
  }
}

/**
 * Refusals that are more likely a matter of timing than a mistake, and what to tell the caller.
 * A claim is accepted by matching and reaches orders through Kafka a moment later, so a worker
 * who routes straight after claiming may still find the order unclaimed here.
 */
const REFUSAL_HINTS: Partial<Record<OrderAction, { from: readonly OrderStatus[]; hint: string }>> = {
  route: {
    from: ['PLACED', 'OFFERED'],
    hint: 'a claim accepted by matching reaches orders through Kafka, usually within a second: if you have just claimed it, retry shortly',
  },
};

const PAST: Record<OrderAction, string> = {
  offer: 'offered',
  claim: 'claimed',
  escalate: 'escalated',
  cancel: 'cancelled',
  supervisor_cancel: 'cancelled',
  route: 'routed',
  hand_back: 'handed back',
  reassign: 'reassigned',
  start: 'started',
  start_directly: 'started directly',
  complete: 'completed',
  complete_directly: 'completed directly',
  rate: 'rated',
  close: 'closed',
  close_follow_up: 'closed as a follow-up',
};
