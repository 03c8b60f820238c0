import { registerOf } from './hyperloglog';
import { shanghaiDay } from './shanghai-calendar';

export type EscalationLevel = 'supervisor' | 'committee';
export type OrderEnd = 'done' | 'partially_done' | 'referred' | 'cancelled';

/**
 * What the reports know of one order, folded from its events. Every field is set by one kind of
 * event and merged so that the fold is idempotent and does not depend on arrival order: a
 * redelivered event sets what it set before; a claim that arrives before its placement is kept
 * and counted once the placement arrives; "latest" facts (who holds the claim, who fulfils) keep
 * the value of the highest stream version.
 */
export interface OrderReportFact {
  _id: string;
  placement?: {
    day: string;
    stationId: string;
    villageId: string;
    serviceCode: string;
    category: string;
    kind: string;
    urgency: string;
    placedAt: string;
    claimDueAt: string | null;
    /** The resident as a HyperLogLog register and rank — never their id. */
    resident: { register: number; rank: number };
  };
  firstClaimedAt?: string;
  claimant?: { id: string; version: number };
  escalations: EscalationLevel[];
  route?: { fulfiller: string; fulfilDueAt: string; version: number };
  end?: {
    outcome: OrderEnd;
    at: string;
    cancelledBy?: 'resident' | 'staff';
    /** Fulfilled by the station itself (order.completed.v2), never routed: the station, and the deadline it had (null: not carried). */
    direct?: { fulfiller: string; fulfilDueAt: string | null };
  };
  rating?: number;
  followUp?: 'open' | 'closed';
  /** How a supervisor closed the low-rating follow-up, and whether by the case's deadline (null: a case without one). */
  followUpClosure?: { outcome: string; onTime: boolean | null };
  /** Each hand-back by the fulfiller (its stream version and coded reason), in version order. */
  handBacks?: { version: number; reason: string }[];
  /** The stream versions of the claim's moves to another worker, in order. */
  reassignments?: number[];
  /**
   * How often the fact has been saved (absent before it was counted): its entry carries it, so that
   * of an order's entries in several replicas' shards of a day the latest is the one counted.
   */
  saves?: number;
}

/** The menu facts of the ordered service at placement, which the order event does not carry. */
export interface PlacementContext {
  kind: string;
  claimDueAt: Date | null;
}

export const emptyFact = (orderId: string): OrderReportFact => ({ _id: orderId, escalations: [] });

type Data = Record<string, unknown> & { version: number };

const earlier = (a: string | undefined, b: string) => (a && Date.parse(a) <= Date.parse(b) ? a : b);

/** Folds one event into the fact. Event types the reports do not count leave it as it is. */
export function foldEvent(fact: OrderReportFact, type: string, data: Data, context?: PlacementContext): OrderReportFact {
  switch (type) {
    case 'lantern.order.placed.v1':
      return {
        ...fact,
        placement: {
          day: shanghaiDay(data.placedAt as string),
          stationId: data.stationId as string,
          villageId: data.villageId as string,
          serviceCode: data.serviceCode as string,
          category: data.category as string,
          kind: context?.kind ?? 'unknown',
          urgency: data.urgency as string,
          placedAt: data.placedAt as string,
          claimDueAt: context?.claimDueAt?.toISOString() ?? null,
          resident: registerOf(data.residentId as string),
        },
      };
    case 'lantern.order.claimed.v1': {
      const claimant = !fact.claimant || fact.claimant.version < data.version ? { id: data.socialWorkerId as string, version: data.version } : fact.claimant;
      return { ...fact, firstClaimedAt: earlier(fact.firstClaimedAt, data.claimedAt as string), claimant };
    }
    case 'lantern.order.escalated.v1':
      return { ...fact, escalations: [...new Set([...fact.escalations, data.level as EscalationLevel])].sort() };
    case 'lantern.order.routed.v1': {
      // An escalated, unclaimed order routed straight away is taken by routing it (takenAs): that is its claim.
      const taken = data.takenAs ? foldEvent(fact, 'lantern.order.claimed.v1', { ...data, socialWorkerId: data.routedBy, claimedAt: data.routedAt }) : fact;
      if (taken.route && taken.route.version >= data.version) return taken;
      const fulfiller = data.fulfiller as { type: string; id: string };
      return { ...taken, route: { fulfiller: `${fulfiller.type}:${fulfiller.id}`, fulfilDueAt: data.fulfilDeadline as string, version: data.version } };
    }
    case 'lantern.order.completed.v1':
      return { ...fact, end: { outcome: data.outcome as OrderEnd, at: data.completedAt as string } };
    case 'lantern.order.completed.v2': {
      const fulfiller = data.fulfiller as { type: string; id: string };
      const direct = { fulfiller: `${fulfiller.type}:${fulfiller.id}`, fulfilDueAt: (data.fulfilDeadline as string | undefined) ?? null };
      return { ...fact, end: { outcome: data.outcome as OrderEnd, at: data.completedAt as string, direct } };
    }
    case 'lantern.order.cancelled.v1':
      return { ...fact, end: { outcome: 'cancelled', at: data.cancelledAt as string, cancelledBy: data.cancelledBy === data.residentId ? 'resident' : 'staff' } };
    case 'lantern.order.rated.v1':
      return { ...fact, rating: data.rating as number };
    case 'lantern.order.handed-back.v1': {
      const handBacks = fact.handBacks ?? [];
      if (handBacks.some((handBack) => handBack.version === data.version)) return fact;
      return { ...fact, handBacks: [...handBacks, { version: data.version, reason: data.reason as string }].sort((a, b) => a.version - b.version) };
    }
    case 'lantern.order.reassigned.v1': {
      const reassignments = fact.reassignments ?? [];
      if (reassignments.includes(data.version)) return fact;
      // The claim moved: the new holder is the claimant, unless a later claim or move is known.
      const claimant = !fact.claimant || fact.claimant.version < data.version ? { id: data.toSocialWorkerId as string, version: data.version } : fact.claimant;
      return { ...fact, claimant, reassignments: [...reassignments, data.version].sort((a, b) => a - b) };
    }
    case 'lantern.order.follow-up-requested.v1':
      // A closure that arrived first stays: a case is closed once and never reopened.
      return { ...fact, followUp: fact.followUp ?? 'open' };
    case 'lantern.order.follow-up-closed.v1': {
      const dueAt = data.dueAt as string | null;
      return { ...fact, followUp: 'closed', followUpClosure: { outcome: data.outcome as string, onTime: dueAt ? Date.parse(data.closedAt as string) <= Date.parse(dueAt) : null } };
    }
    default:
      return fact;
  }
}

/** The event types that change a fact; the projector handles exactly these. */
export const COUNTED_EVENT_TYPES = [
  'lantern.order.placed.v1',
  'lantern.order.claimed.v1',
  'lantern.order.escalated.v1',
  'lantern.order.routed.v1',
  'lantern.order.completed.v1',
  'lantern.order.cancelled.v1',
  'lantern.order.rated.v1',
  'lantern.order.follow-up-requested.v1',
  'lantern.order.follow-up-closed.v1',
  'lantern.order.handed-back.v1',
  'lantern.order.reassigned.v1',
  // A confidential service's order: its twins count as their .v1 namesakes (project-reports/counted-as.ts).
  'lantern.order.placed-confidential.v1',
  'lantern.order.routed-confidential.v1',
  'lantern.order.completed-confidential.v1',
  'lantern.order.completed.v2',
  'lantern.order.completed-confidential.v2',
  'lantern.order.cancelled-confidential.v1',
] as const;
