import {
  EventData,
  MatchingBackstopOverdueV1,
  MatchingClaimedV1,
  MatchingEscalatedV1,
  MatchingOfferDeclinedV1,
  MatchingOffersExpiredV1,
  MatchingOffersMadeV1,
  MatchingReassignedV1,
  MatchingWithdrawnV1,
} from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

/**
 * NEW: nothing happened yet. OFFERED: a round of offers is open. EXPIRED: a round just closed
 * (always followed by the next step in the same append). ESCALATED: with the supervisors or the
 * committee. CLAIMED: one worker won. WITHDRAWN: the order was cancelled (a claim is void).
 */
export type CaseStatus = 'NEW' | 'OFFERED' | 'EXPIRED' | 'ESCALATED' | 'CLAIMED' | 'WITHDRAWN';

export interface CaseOffer {
  socialWorkerId: string;
  round: number;
  offeredAt: string;
  expiresAt: string;
  declined: { reason: string; at: string } | null;
}

export interface CaseEscalation {
  level: 'supervisor' | 'committee';
  assignees: string[];
  escalatedAt: string;
}

export interface CaseTimelineEntry {
  version: number;
  type: string;
  at: string;
  actor: string | null;
}

export interface MatchingCaseState {
  status: CaseStatus;
  /**
   * Counts the steps that start a clock (offers made, escalations). A claim-SLA deadline names
   * the stage it was set for; it acts only while the case is still at that stage.
   */
  stage: number;
  round: number;
  stationId: string | null;
  offers: CaseOffer[];
  escalations: CaseEscalation[];
  claimedBy: string | null;
  claimedAt: string | null;
  /** When the committee's own clock ran out unclaimed (the final alert went to the admins). */
  backstopOverdueAt: string | null;
  withdrawnAt: string | null;
  timeline: CaseTimelineEntry[];
}

/** Folds the matching case of one order (stream id = order id). */
export const matchingCaseReducer: Reducer<MatchingCaseState> = {
  initial: () => ({
    status: 'NEW',
    stage: 0,
    round: 0,
    stationId: null,
    offers: [],
    escalations: [],
    claimedBy: null,
    claimedAt: null,
    backstopOverdueAt: null,
    withdrawnAt: null,
    timeline: [],
  }),
  apply(previous, event) {
    const state = { ...previous, timeline: [...previous.timeline, { version: event.version, type: event.type, at: event.time.toISOString(), actor: event.actor }] };
    switch (event.type) {
      case MatchingOffersMadeV1.type: {
        const data = event.data as EventData<typeof MatchingOffersMadeV1>;
        const offers = data.offers.map((offer) => ({ ...offer, round: data.round, offeredAt: data.offeredAt, declined: null }));
        return { ...state, status: 'OFFERED', stage: state.stage + 1, round: data.round, stationId: data.stationId, offers: [...state.offers, ...offers] };
      }
      case MatchingOfferDeclinedV1.type: {
        const data = event.data as EventData<typeof MatchingOfferDeclinedV1>;
        const offers = state.offers.map((offer) =>
          offer.socialWorkerId === data.socialWorkerId && offer.round === state.round ? { ...offer, declined: { reason: data.reason, at: data.declinedAt } } : offer,
        );
        return { ...state, offers };
      }
      case MatchingOffersExpiredV1.type:
        return { ...state, status: 'EXPIRED' };
      case MatchingEscalatedV1.type: {
        const data = event.data as EventData<typeof MatchingEscalatedV1>;
        const escalation = { level: data.level, assignees: data.assignees, escalatedAt: data.escalatedAt };
        return { ...state, status: 'ESCALATED', stage: state.stage + 1, stationId: data.stationId, escalations: [...state.escalations, escalation] };
      }
      case MatchingClaimedV1.type: {
        const data = event.data as EventData<typeof MatchingClaimedV1>;
        return { ...state, status: 'CLAIMED', stationId: data.stationId, claimedBy: data.socialWorkerId, claimedAt: data.claimedAt };
      }
      case MatchingReassignedV1.type: {
        const data = event.data as EventData<typeof MatchingReassignedV1>;
        return { ...state, claimedBy: data.toSocialWorkerId, claimedAt: data.reassignedAt };
      }
      case MatchingBackstopOverdueV1.type:
        // A step of its own (its clock is done), while the order stays ESCALATED: it can still be taken.
        return { ...state, stage: state.stage + 1, backstopOverdueAt: (event.data as EventData<typeof MatchingBackstopOverdueV1>).overdueAt };
      case MatchingWithdrawnV1.type: {
        const data = event.data as EventData<typeof MatchingWithdrawnV1>;
        return { ...state, status: 'WITHDRAWN', withdrawnAt: data.withdrawnAt };
      }
      default:
        return state; // an event this version of the service does not know changes nothing
    }
  },
};

/** The offers of the round that is open now (none unless OFFERED). */
export function currentOffers(state: MatchingCaseState): CaseOffer[] {
  return state.status === 'OFFERED' ? state.offers.filter((offer) => offer.round === state.round) : [];
}

/** The offer a worker can still act on: in the open round, not declined, not past its expiry. */
export function openOfferFor(state: MatchingCaseState, socialWorkerId: string, now: Date): CaseOffer | undefined {
  return currentOffers(state).find(
    (offer) => offer.socialWorkerId === socialWorkerId && !offer.declined && Date.parse(offer.expiresAt) > now.getTime(),
  );
}

export function lastEscalation(state: MatchingCaseState): CaseEscalation | undefined {
  return state.escalations[state.escalations.length - 1];
}

/** What an offer is now, for the case view. */
export function offerStatus(state: MatchingCaseState, offer: CaseOffer, now: Date): 'open' | 'declined' | 'claimed' | 'void' | 'expired' | 'withdrawn' {
  if (offer.declined) return 'declined';
  if (state.claimedBy === offer.socialWorkerId) return 'claimed';
  if (state.claimedBy && offer.round === state.round) return 'void'; // someone else's claim won
  if (state.status === 'WITHDRAWN' && offer.round === state.round && state.escalations.length === 0) return 'withdrawn';
  return openOfferFor(state, offer.socialWorkerId, now) === offer ? 'open' : 'expired';
}
