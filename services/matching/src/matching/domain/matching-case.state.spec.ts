import {
  MatchingBackstopOverdueV1,
  MatchingClaimedV1,
  MatchingEscalatedV1,
  MatchingOfferDeclinedV1,
  MatchingOffersExpiredV1,
  MatchingOffersMadeV1,
  MatchingReassignedV1,
  MatchingWithdrawnV1,
} from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { currentOffers, lastEscalation, MatchingCaseState, matchingCaseReducer, offerStatus, openOfferFor } from './matching-case.state';

const at = (minute: number) => `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
let version = 0;
const event = (type: string, data: Record<string, unknown>, actor: string | null = null) =>
  ({ type, data: { orderId: 'ord_1', ...data }, version: ++version, time: new Date(at(0)), actor }) as unknown as StoredEvent;
const fold = (events: StoredEvent[], from: MatchingCaseState = matchingCaseReducer.initial()) => events.reduce((state, next) => matchingCaseReducer.apply(state, next), from);

const offersMade = (round: number, workers: string[], minute: number) =>
  event(MatchingOffersMadeV1.type, { round, stationId: 'meisha-centre', offeredAt: at(minute), offers: workers.map((socialWorkerId) => ({ socialWorkerId, expiresAt: at(minute + 30) })) });

describe("an order's matching case folded", () => {
  const offered = fold([offersMade(1, ['sw-1', 'sw-2'], 0)]);

  it('starts NEW at stage 0 with nothing offered; offers open round 1 at stage 1, each offer open until it expires', () => {
    expect(matchingCaseReducer.initial()).toMatchObject({ status: 'NEW', stage: 0, round: 0, stationId: null, offers: [], claimedBy: null, timeline: [] });
    expect(offered).toMatchObject({ status: 'OFFERED', stage: 1, round: 1, stationId: 'meisha-centre' });
    expect(currentOffers(offered).map((offer) => offer.socialWorkerId)).toEqual(['sw-1', 'sw-2']);
    expect(openOfferFor(offered, 'sw-1', new Date(at(29)))).toMatchObject({ socialWorkerId: 'sw-1', round: 1, declined: null });
    expect(openOfferFor(offered, 'sw-1', new Date(at(30)))).toBeUndefined();
  });

  it('a decline marks that worker’s offer of the open round only', () => {
    const declined = fold([event(MatchingOfferDeclinedV1.type, { socialWorkerId: 'sw-1', reason: 'too far', declinedAt: at(5) })], offered);
    expect(declined.offers.map((offer) => offer.declined)).toEqual([{ reason: 'too far', at: at(5) }, null]);
    expect(openOfferFor(declined, 'sw-1', new Date(at(6)))).toBeUndefined();
    expect(offerStatus(declined, declined.offers[0], new Date(at(6)))).toBe('declined');
  });

  it('a round that runs out is EXPIRED, the next round’s offers start a new stage, and the old offers are no longer current', () => {
    const second = fold([event(MatchingOffersExpiredV1.type, {}), offersMade(2, ['sw-3'], 31)], offered);
    expect(fold([event(MatchingOffersExpiredV1.type, {})], offered).status).toBe('EXPIRED');
    expect(second).toMatchObject({ status: 'OFFERED', stage: 2, round: 2 });
    expect(second.offers).toHaveLength(3);
    expect(currentOffers(second).map((offer) => offer.socialWorkerId)).toEqual(['sw-3']);
  });

  it('escalation hands it to the supervisors at a new stage; the backstop running out is a stage of its own and it stays ESCALATED', () => {
    const escalated = fold([event(MatchingEscalatedV1.type, { level: 'supervisor', assignees: ['sup-1'], stationId: 'meisha-centre', escalatedAt: at(31) })], offered);
    expect(escalated).toMatchObject({ status: 'ESCALATED', stage: 2 });
    expect(lastEscalation(escalated)).toEqual({ level: 'supervisor', assignees: ['sup-1'], escalatedAt: at(31) });
    expect(currentOffers(escalated)).toEqual([]);
    expect(fold([event(MatchingBackstopOverdueV1.type, { overdueAt: at(59) })], escalated)).toMatchObject({ status: 'ESCALATED', stage: 3, backstopOverdueAt: at(59) });
  });

  it('a claim makes it CLAIMED by that worker (the other offers of the round are void); a reassignment moves the claim', () => {
    const claimed = fold([event(MatchingClaimedV1.type, { socialWorkerId: 'sw-2', stationId: 'meisha-centre', claimedAt: at(10) }, 'sw-2')], offered);
    expect(claimed).toMatchObject({ status: 'CLAIMED', claimedBy: 'sw-2', claimedAt: at(10) });
    expect(claimed.offers.map((offer) => offerStatus(claimed, offer, new Date(at(11))))).toEqual(['void', 'claimed']);
    expect(fold([event(MatchingReassignedV1.type, { toSocialWorkerId: 'sw-9', reassignedAt: at(20) })], claimed)).toMatchObject({ status: 'CLAIMED', claimedBy: 'sw-9', claimedAt: at(20) });
  });

  it('a withdrawal (the order was cancelled) makes it WITHDRAWN and its open offers withdrawn', () => {
    const withdrawn = fold([event(MatchingWithdrawnV1.type, { withdrawnAt: at(15) })], offered);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: at(15) });
    expect(offerStatus(withdrawn, withdrawn.offers[0], new Date(at(16)))).toBe('withdrawn');
  });

  it('every event, known or not, is on the timeline with its version, time and actor; an unknown one changes nothing else', () => {
    const claimed = fold([event(MatchingClaimedV1.type, { socialWorkerId: 'sw-1', stationId: 'meisha-centre', claimedAt: at(10) }, 'sw-1')], offered);
    const later = fold([event('lantern.matching.something-new.v9', {})], claimed);
    expect(later.timeline.map((entry) => entry.type)).toEqual([MatchingOffersMadeV1.type, MatchingClaimedV1.type, 'lantern.matching.something-new.v9']);
    expect(later.timeline[1]).toMatchObject({ at: at(0), actor: 'sw-1' });
    expect({ ...later, timeline: claimed.timeline }).toEqual(claimed);
  });
});
