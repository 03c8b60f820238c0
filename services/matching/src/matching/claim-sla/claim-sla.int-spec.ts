import { Deadline } from '@lantern/deadlines';
import {
  MatchingBackstopOverdueV1,
  MatchingClaimedV1,
  MatchingEscalatedV1,
  MatchingOfferDeclinedV1,
  MatchingOffersExpiredV1,
  MatchingOffersMadeV1,
} from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';

const isEscalation = (orderId: string, level: string) => (event: { type: string; subject: string; data: unknown }) =>
  event.type === MatchingEscalatedV1.type && event.subject === orderId && (event.data as { level: string }).level === level;

describe('claim SLA: widen, then escalate — once, with two matching instances side by side', () => {
  let fx: MatchingFixture;
  let workers: string[];
  let supervisor: string;

  beforeAll(async () => {
    // Two replicas: one database, one consumer group, each polling the same deadlines.
    fx = await startMatching({ MATCHING_CLAIM_SLA_SECONDS: '2', MATCHING_OFFERS_PER_ROUND: '3', MATCHING_OFFER_ROUNDS: '2' }, 2);
    workers = ['a', 'b', 'c', 'd'].map((name) => fx.workerId(`sw-${name}`));
    for (const id of workers) await fx.putWorker(id);
    supervisor = fx.workerId('sup');
    await fx.putWorker(supervisor, { supervisor: true, skills: [] });
  });
  afterAll(() => fx.stop());

  it('an unclaimed order is offered to three, widened to the fourth, escalated to the supervisor, then to the village committee, then the admins are alerted — each step once', async () => {
    const orderId = await fx.placeOrder();
    const first = await fx.offersMade(orderId, 1);
    expect(first.offers).toHaveLength(3);
    const second = await fx.offersMade(orderId, 2, 10_000);
    expect(second.offers.map((offer) => offer.socialWorkerId)).toEqual(workers.filter((id) => !first.offers.some((offer) => offer.socialWorkerId === id)));
    const toSupervisor = await fx.probe.waitForEvent(isEscalation(orderId, 'supervisor'), 10_000);
    expect(toSupervisor.data).toMatchObject({ assignees: [supervisor], stationId: fx.stationId, villageId: fx.villageId });
    const toCommittee = await fx.probe.waitForEvent(isEscalation(orderId, 'committee'), 10_000);
    expect(toCommittee.data).toMatchObject({ assignees: [fx.villageId] });
    // The committee has a clock of its own; when it runs out, the final alert.
    const alert = await fx.probe.waitForEvent((event) => event.type === MatchingBackstopOverdueV1.type && event.subject === orderId, 10_000);
    expect(alert.data).toMatchObject({ stationId: fx.stationId, villageId: fx.villageId, escalatedAt: (toCommittee.data as { escalatedAt: string }).escalatedAt });

    // The clocks are gone: nothing else can fire for this case.
    await waitFor(async () => (await fx.database.collection<Deadline>('deadlines').countDocuments({ aggregateId: orderId })) === 0, { description: 'no pending deadlines' });
    expect(await fx.storedTypes(orderId)).toEqual([
      MatchingOffersMadeV1.type,
      MatchingOffersExpiredV1.type,
      MatchingOffersMadeV1.type,
      MatchingOffersExpiredV1.type,
      MatchingEscalatedV1.type,
      MatchingEscalatedV1.type,
      MatchingBackstopOverdueV1.type,
    ]);
    expect(await fx.distinctOnTopic(orderId, MatchingOffersMadeV1.type)).toHaveLength(2);
    expect(await fx.distinctOnTopic(orderId, MatchingOffersExpiredV1.type)).toHaveLength(2);
    expect(await fx.distinctOnTopic(orderId, MatchingEscalatedV1.type)).toHaveLength(2);
    expect(await fx.distinctOnTopic(orderId, MatchingBackstopOverdueV1.type)).toHaveLength(1);

    // The case explains itself: two rounds of candidates with reasons, the offers, the escalations.
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.supervisor(supervisor, [fx.stationId]) });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'ESCALATED', round: 2, claimSlaSeconds: 2 });
    expect(view.body.rounds).toHaveLength(2);
    expect(view.body.rounds[1].candidates).toEqual(
      expect.arrayContaining([expect.objectContaining({ socialWorkerId: first.offers[0].socialWorkerId, eligible: false, reasons: ['already offered in round 1'] })]),
    );
    expect(view.body.offers.map((offer: { status: string }) => offer.status)).toEqual(['expired', 'expired', 'expired', 'expired']);
    expect(view.body.escalations.map((escalation: { level: string }) => escalation.level)).toEqual(['supervisor', 'committee']);

    // An escalated case is the supervisors' to take; a worker whose offer expired gets 409.
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(workers[0], [fx.stationId]) })).status).toBe(409);
    const takeover = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.supervisor(supervisor, [fx.stationId]) });
    expect(takeover.status).toBe(200);
    expect(takeover.body.socialWorkerId).toBe(supervisor);
    const claimed = await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === orderId);
    expect(claimed.data).toMatchObject({ socialWorkerId: supervisor, claimedAs: 'supervisor' });
  });

  it('when everyone offered declines, the order widens at once instead of waiting for the SLA', async () => {
    const orderId = await fx.placeOrder();
    const first = await fx.offersMade(orderId, 1);
    for (const offer of first.offers) {
      const declined = await fx.matching.http('POST', `/v1/orders/${orderId}/decline`, {
        token: await people.worker(offer.socialWorkerId, [fx.stationId]),
        body: { reason: 'busy' },
      });
      expect(declined.status).toBe(200);
    }
    // The last decline closed the round in the same append: no SLA had to pass.
    const types = await fx.storedTypes(orderId);
    expect(types).toEqual([
      MatchingOffersMadeV1.type,
      MatchingOfferDeclinedV1.type,
      MatchingOfferDeclinedV1.type,
      MatchingOfferDeclinedV1.type,
      MatchingOffersExpiredV1.type,
      MatchingOffersMadeV1.type,
    ]);
    const second = await fx.offersMade(orderId, 2, 1500);
    expect(second.offers).toHaveLength(1);
  });
});
