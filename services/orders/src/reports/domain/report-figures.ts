import { ReportEntry, SERVED_OUTCOMES } from './report-entry';

export type Tally = Record<string, number>;

/** The figures of one scope over one period, computed from the entries of the orders placed in it. */
export interface ReportFigures {
  ordersPlaced: number;
  response: {
    claimedOnTime: number;
    claimed: number;
    /** Claimed within the claim SLA ÷ placed. */
    rate: number | null;
    medianMinutesToClaim: number | null;
    p90MinutesToClaim: number | null;
    escalations: { supervisor: number; committee: number };
  };
  resolution: {
    /** Orders that reached an end: completed (any outcome) or cancelled. */
    ended: number;
    fulfilled: number;
    /** Fulfilled (done or partially done) ÷ ended. */
    rate: number | null;
    done: number;
    partiallyDone: number;
    referred: number;
    cancelled: number;
    cancelledBy: { resident: number; staff: number };
  };
  satisfaction: {
    ratings: number;
    satisfied: number;
    /** Ratings of 4 or 5 ÷ ratings given. */
    rate: number | null;
    meanRating: number | null;
    lowRatings: number;
    followUpsOpen: number;
    followUpsClosed: number;
    /** Follow-ups closed by their case deadline. */
    followUpsClosedOnTime: number;
    /** Closed follow-ups by coded outcome. */
    followUpOutcomes: Tally;
  };
  /** On-time fulfilment: orders completed after a route, and by the station itself, against their fulfil deadline. */
  fulfilment: { completedAfterRoute: number; completedDirectly: number; onTime: number; rate: number | null };
  /** The way back: orders the fulfiller handed back (and how often, by reason), claims moved to another worker. */
  handBacks: { orders: number; total: number; byReason: Tally };
  reassignments: { orders: number; total: number };
  byService: Tally;
  byCategory: Tally;
  byKind: Tally;
  byUrgency: Tally;
  workload: { socialWorkers: Tally; fulfillers: Tally };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function count(tally: Tally, key: string | null): void {
  if (key !== null) tally[key] = (tally[key] ?? 0) + 1;
}

const sortedTally = (tally: Tally): Tally => Object.fromEntries(Object.entries(tally).sort(([a], [b]) => a.localeCompare(b)));

export function computeFigures(entries: ReportEntry[]): ReportFigures {
  const claimMinutes = entries.flatMap((entry) => (entry.claimMinutes === null ? [] : [entry.claimMinutes])).sort((a, b) => a - b);
  const ended = entries.filter((entry) => entry.end !== null);
  const ratings = entries.flatMap((entry) => (entry.rating === null ? [] : [entry.rating]));
  const completedInTimeOrNot = entries.filter((entry) => entry.fulfilledOnTime !== null);
  const onTimeFulfilments = completedInTimeOrNot.filter((entry) => entry.fulfilledOnTime).length;
  const tallies = { byService: {}, byCategory: {}, byKind: {}, byUrgency: {}, socialWorkers: {}, fulfillers: {}, handBackReasons: {}, followUpOutcomes: {} } as Record<string, Tally>;
  for (const entry of entries) {
    count(tallies.byService, entry.service);
    count(tallies.byCategory, entry.category);
    count(tallies.byKind, entry.kind);
    count(tallies.byUrgency, entry.urgency);
    count(tallies.socialWorkers, entry.socialWorkerId);
    count(tallies.fulfillers, entry.fulfiller);
    for (const reason of entry.handBackReasons ?? []) count(tallies.handBackReasons, reason);
    count(tallies.followUpOutcomes, entry.followUpOutcome ?? null);
  }
  const handBacks = entries.map((entry) => entry.handBackReasons?.length ?? 0);
  const reassignments = entries.map((entry) => entry.reassignments ?? 0);
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const fulfilled = ended.filter((entry) => SERVED_OUTCOMES.includes(entry.end!)).length;
  const onTimeClaims = entries.filter((entry) => entry.claimedOnTime).length;
  const satisfied = ratings.filter((rating) => rating >= 4).length;
  return {
    ordersPlaced: entries.length,
    response: {
      claimedOnTime: onTimeClaims,
      claimed: claimMinutes.length,
      rate: ratio(onTimeClaims, entries.length),
      medianMinutesToClaim: percentile(claimMinutes, 50),
      p90MinutesToClaim: percentile(claimMinutes, 90),
      escalations: {
        supervisor: entries.filter((entry) => entry.escalations.includes('supervisor')).length,
        committee: entries.filter((entry) => entry.escalations.includes('committee')).length,
      },
    },
    resolution: {
      ended: ended.length,
      fulfilled,
      rate: ratio(fulfilled, ended.length),
      done: ended.filter((entry) => entry.end === 'done').length,
      partiallyDone: ended.filter((entry) => entry.end === 'partially_done').length,
      referred: ended.filter((entry) => entry.end === 'referred').length,
      cancelled: ended.filter((entry) => entry.end === 'cancelled').length,
      cancelledBy: {
        resident: ended.filter((entry) => entry.cancelledBy === 'resident').length,
        staff: ended.filter((entry) => entry.cancelledBy === 'staff').length,
      },
    },
    satisfaction: {
      ratings: ratings.length,
      satisfied,
      rate: ratio(satisfied, ratings.length),
      meanRating: ratings.length === 0 ? null : Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100,
      lowRatings: ratings.filter((rating) => rating <= 2).length,
      followUpsOpen: entries.filter((entry) => entry.followUp === 'open').length,
      followUpsClosed: entries.filter((entry) => entry.followUp === 'closed').length,
      followUpsClosedOnTime: entries.filter((entry) => entry.followUpClosedOnTime === true).length,
      followUpOutcomes: sortedTally(tallies.followUpOutcomes),
    },
    fulfilment: {
      completedAfterRoute: completedInTimeOrNot.filter((entry) => !entry.fulfilledDirectly).length,
      completedDirectly: completedInTimeOrNot.filter((entry) => entry.fulfilledDirectly).length,
      onTime: onTimeFulfilments,
      rate: ratio(onTimeFulfilments, completedInTimeOrNot.length),
    },
    handBacks: { orders: handBacks.filter(Boolean).length, total: sum(handBacks), byReason: sortedTally(tallies.handBackReasons) },
    reassignments: { orders: reassignments.filter(Boolean).length, total: sum(reassignments) },
    byService: sortedTally(tallies.byService),
    byCategory: sortedTally(tallies.byCategory),
    byKind: sortedTally(tallies.byKind),
    byUrgency: sortedTally(tallies.byUrgency),
    workload: { socialWorkers: sortedTally(tallies.socialWorkers), fulfillers: sortedTally(tallies.fulfillers) },
  };
}
