import { MatchingBackstopOverdueV1, MatchingEscalatedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { lastEscalation, MatchingCaseState } from './matching-case.state';

/** What an escalation needs to know of the order. */
export interface EscalatedOrder {
  _id: string;
  stationId: string;
  villageId: string;
}

/** The order goes to people who can take it over: the station's supervisors, or the village committee. */
export function escalationEvent(order: EscalatedOrder, level: 'supervisor' | 'committee', assignees: string[], now: Date): NewEvent {
  return {
    type: MatchingEscalatedV1.type,
    data: { orderId: order._id, level, stationId: order.stationId, villageId: order.villageId, assignees, escalatedAt: now.toISOString() },
  };
}

/**
 * An escalated case's clock ran out: from the supervisors it goes on to the village committee
 * (its fulfiller id is its village id: the backstop, 兜底, exists by definition); when the
 * committee's own clock runs out too, the last word goes to the centre's admins, once.
 */
export function escalationRunOut(order: EscalatedOrder, state: MatchingCaseState, now: Date): NewEvent[] {
  const escalation = lastEscalation(state);
  if (escalation?.level === 'supervisor') return [escalationEvent(order, 'committee', [order.villageId], now)];
  if (state.backstopOverdueAt || !escalation) return [];
  return [
    {
      type: MatchingBackstopOverdueV1.type,
      data: { orderId: order._id, stationId: order.stationId, villageId: order.villageId, escalatedAt: escalation.escalatedAt, overdueAt: now.toISOString() },
    },
  ];
}
