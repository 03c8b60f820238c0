import { EscalationLevel, OrderEnd, OrderReportFact } from './order-report-fact';

/**
 * One order's part in the report of the day it was placed (a cohort: its later claim, outcome
 * and rating update the same entry, so a period's rates are over the orders placed in it).
 * Stored in the day's document of each scope under the order id; writing it again is harmless.
 */
export interface ReportEntry {
  service: string;
  category: string;
  kind: string;
  urgency: string;
  /** Minutes from placement to the first claim; null while unclaimed. */
  claimMinutes: number | null;
  claimedOnTime: boolean;
  escalations: EscalationLevel[];
  socialWorkerId: string | null;
  fulfiller: string | null;
  end: OrderEnd | null;
  cancelledBy: 'resident' | 'staff' | null;
  /** Completed by its fulfil deadline (its route's, or the station's own leg's); null unless completed with one. */
  fulfilledOnTime: boolean | null;
  /** Fulfilled by the station itself, not routed (absent from entries written before they were counted). */
  fulfilledDirectly?: boolean;
  rating: number | null;
  followUp: 'open' | 'closed' | null;
  /** The coded outcome its follow-up was closed with (absent from entries written before closures were counted). */
  followUpOutcome?: string | null;
  /** Closed by the case's deadline; null while open or for a case without one. */
  followUpClosedOnTime?: boolean | null;
  /** The reasons of its hand-backs, in order (absent from entries written before they were counted). */
  handBackReasons?: string[];
  /** How often its claim moved to another worker. */
  reassignments?: number;
}

export const SERVED_OUTCOMES: readonly OrderEnd[] = ['done', 'partially_done'];

/** The entry a fact contributes, or null before its placement is known. */
export function entryOf(fact: OrderReportFact): ReportEntry | null {
  const placement = fact.placement;
  if (!placement) return null;
  const claimedAt = fact.firstClaimedAt ? Date.parse(fact.firstClaimedAt) : null;
  const completedAt = fact.end && fact.end.outcome !== 'cancelled' ? Date.parse(fact.end.at) : null;
  // The station did it itself: its leg and deadline are the completion's, whatever route it had before (handed back).
  const direct = fact.end?.direct;
  const fulfilDueAt = direct ? direct.fulfilDueAt : (fact.route?.fulfilDueAt ?? null);
  return {
    service: placement.serviceCode,
    category: placement.category,
    kind: placement.kind,
    urgency: placement.urgency,
    claimMinutes: claimedAt === null ? null : Math.max(0, Math.round(((claimedAt - Date.parse(placement.placedAt)) / 60_000) * 100) / 100),
    claimedOnTime: claimedAt !== null && placement.claimDueAt !== null && claimedAt <= Date.parse(placement.claimDueAt),
    escalations: fact.escalations,
    socialWorkerId: fact.claimant?.id ?? null,
    fulfiller: direct?.fulfiller ?? fact.route?.fulfiller ?? null,
    end: fact.end?.outcome ?? null,
    cancelledBy: fact.end?.cancelledBy ?? null,
    fulfilledOnTime: completedAt !== null && fulfilDueAt !== null ? completedAt <= Date.parse(fulfilDueAt) : null,
    fulfilledDirectly: !!direct,
    rating: fact.rating ?? null,
    followUp: fact.followUp ?? null,
    followUpOutcome: fact.followUpClosure?.outcome ?? null,
    followUpClosedOnTime: fact.followUpClosure?.onTime ?? null,
    handBackReasons: (fact.handBacks ?? []).map((handBack) => handBack.reason),
    reassignments: (fact.reassignments ?? []).length,
  };
}

/** Whether the order served its resident (counts towards coverage). */
export const servedResident = (entry: ReportEntry | null): boolean => entry?.end != null && SERVED_OUTCOMES.includes(entry.end);
