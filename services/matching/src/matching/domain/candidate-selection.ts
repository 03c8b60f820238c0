/** What selection needs to know about one member of the station's roster. */
export interface CandidateInput {
  socialWorkerId: string;
  skills: string[];
  active: boolean;
  available: boolean;
  supervisor: boolean;
  capacity: number;
  /**
   * Claimed, unfinished orders they carry now — null when it was not looked up because another
   * hard filter rules them out already (see needsWorkload): their reasons then leave capacity out.
   */
  load: number | null;
  servedResidentBefore: boolean;
  lastClaimedAt: Date | null;
  /** The round in which this case already offered them the order, if it did. */
  offeredInRound: number | null;
}

/** What the roster alone says about a candidate: enough for every hard filter but capacity. */
export type RosterFacts = Omit<CandidateInput, 'load' | 'servedResidentBefore' | 'lastClaimedAt'>;

export interface CandidateVerdict {
  socialWorkerId: string;
  eligible: boolean;
  chosen: boolean;
  /** Place among the eligible (1 = best), null when filtered out. */
  rank: number | null;
  score: number | null;
  reasons: string[];
}

const WEIGHTS = { load: 40, continuity: 30, fairness: 30 } as const;
const FAIRNESS_HORIZON_MS = 7 * 24 * 3600_000;

/** The hard filters that need no workload, in the order a person would check them. */
function rosterExclusions(order: { category: string }, input: RosterFacts): string[] {
  const reasons: string[] = [];
  if (input.offeredInRound !== null) reasons.push(`already offered in round ${input.offeredInRound}`);
  if (input.supervisor) reasons.push('station supervisor: receives escalations, not offers');
  if (!input.active) reasons.push('not active on the roster');
  if (!input.available) reasons.push('not available (on leave)');
  if (!input.skills.includes(order.category)) reasons.push(`no skill in ${order.category}`);
  return reasons;
}

/**
 * Whether a worker's workload matters for this order: only if the roster alone does not rule
 * them out — so a match reads the workload of the workers it could offer to, not of everyone.
 */
export function needsWorkload(order: { category: string }, input: RosterFacts): boolean {
  return rosterExclusions(order, input).length === 0;
}

/** Hard filters; each failure is a reason. */
function exclusions(order: { category: string }, input: CandidateInput): string[] {
  const reasons = rosterExclusions(order, input);
  if (input.load === null) {
    if (reasons.length === 0) throw new Error(`the workload of ${input.socialWorkerId} is needed to judge them`);
  } else if (input.load >= input.capacity) reasons.push(`at capacity (${input.load}/${input.capacity})`);
  return reasons;
}

/**
 * The score of an eligible worker (0-100): spare capacity, continuity with the resident, and
 * fairness — whoever has gone longest without a claim comes first. Each part is a reason.
 */
function score(input: CandidateInput & { load: number }, now: Date): { score: number; reasons: string[] } {
  const load = Math.round(WEIGHTS.load * (1 - input.load / input.capacity));
  const continuity = input.servedResidentBefore ? WEIGHTS.continuity : 0;
  const idleMs = input.lastClaimedAt ? now.getTime() - input.lastClaimedAt.getTime() : FAIRNESS_HORIZON_MS;
  const fairness = Math.round(WEIGHTS.fairness * Math.min(1, Math.max(0, idleMs) / FAIRNESS_HORIZON_MS));
  return {
    score: load + continuity + fairness,
    reasons: [
      `load ${input.load}/${input.capacity} (+${load})`,
      input.servedResidentBefore ? `served this resident before (+${continuity})` : 'has not served this resident (+0)',
      input.lastClaimedAt ? `last claim ${input.lastClaimedAt.toISOString()} (+${fairness})` : `no claim yet (+${fairness})`,
    ],
  };
}

/**
 * Ranks the station's roster for one order and chooses the best `take` of those not offered yet.
 * Pure: the same inputs give the same verdicts (ties go to the smaller id).
 */
export function selectCandidates(order: { category: string }, inputs: CandidateInput[], take: number, round: number, now: Date): CandidateVerdict[] {
  const judged = inputs.map((input) => {
    const excluded = exclusions(order, input);
    if (excluded.length > 0) return { socialWorkerId: input.socialWorkerId, eligible: false, chosen: false, rank: null, score: null, reasons: excluded };
    const scored = score({ ...input, load: input.load ?? 0 }, now);
    return { socialWorkerId: input.socialWorkerId, eligible: true, chosen: false, rank: null as number | null, score: scored.score, reasons: scored.reasons };
  });
  const ranked = judged
    .filter((verdict) => verdict.eligible)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.socialWorkerId.localeCompare(b.socialWorkerId));
  ranked.forEach((verdict, index) => {
    verdict.rank = index + 1;
    verdict.chosen = index < take;
    verdict.reasons.push(verdict.chosen ? `offered in round ${round} (rank ${index + 1})` : `ranked ${index + 1} of ${ranked.length}: kept for a later round`);
  });
  const excluded = judged.filter((verdict) => !verdict.eligible).sort((a, b) => a.socialWorkerId.localeCompare(b.socialWorkerId));
  return [...ranked, ...excluded];
}
