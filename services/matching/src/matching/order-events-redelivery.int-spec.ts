import { eventDocumentId } from '@lantern/event-store';
import { countInDayBuckets } from '@lantern/testing';
import { MatchingOffersMadeV1, MatchingWithdrawnV1, OrderCancelledV1, OrderCompletedV1, OrderCompletedV2, OrderPlacedV1 } from '@lantern/contracts';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';
import { fieldKey } from './field-key';

/**
 * The order-event handlers keep no processed-message record (@OnIdempotentEvent): each effect
 * must be exactly-once on its own. Every event here is delivered twice, with the same id, as
 * Kafka redelivers after a crash or a rebalance, and handled both times.
 */
describe('order events delivered twice change nothing the second time', () => {
  let fx: MatchingFixture;
  let worker: string;

  beforeAll(async () => {
    fx = await startMatching();
    worker = fx.workerId('only');
    await fx.putWorker(worker, { capacity: 1 });
  });
  afterAll(() => fx.stop());

  const placedEvent = (orderId: string) => fx.probe.waitForEvent((event) => event.type === OrderPlacedV1.type && event.subject === orderId);
  const workloadOf = async () => (await fx.database.collection<{ _id: string; active: Record<string, unknown> }>('worker_workload').findOne({ _id: worker }))?.active ?? {};

  it('a placement opens the case once: one offers-made, one evaluation with the intake, one clock, one listed offer', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    await fx.redeliver(await placedEvent(orderId));
    await fx.handled(OrderPlacedV1.type, orderId, 2);
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type]);
    // The intake and round 1's evaluation go with the event that opened the case, nowhere else.
    type Opening = { _id: string; internal?: { intake?: { firstEvaluation?: { candidates: unknown[] } } } };
    const opening = await fx.database.collection<Opening>('events').findOne({ _id: eventDocumentId(orderId, 1) });
    expect(opening?.internal?.intake?.firstEvaluation?.candidates).toHaveLength(1);
    expect(await fx.database.collection('order_intakes').countDocuments({ _id: orderId } as never)).toBe(0);
    expect(await fx.database.collection('candidate_evaluations').countDocuments({ orderId })).toBe(0);
    expect(await fx.database.collection('deadlines').countDocuments({ aggregateId: orderId })).toBe(1);
    const listed = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(worker, [fx.stationId]) });
    expect(listed.body.items.filter((item: { orderId: string }) => item.orderId === orderId)).toHaveLength(1);
    expect(await countInDayBuckets(fx.database, 'processed_messages')).toBe(0);
  });

  it('a cancellation withdraws once', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const cancelled = await fx.cancelOrder(orderId);
    await fx.handled(OrderCancelledV1.type, orderId);
    await fx.redeliver(cancelled);
    await fx.handled(OrderCancelledV1.type, orderId, 2);
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type, MatchingWithdrawnV1.type]);
  });

  it('a completion releases the claim once; a claim retried after it does not count the order again', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const token = await people.worker(worker, [fx.stationId]);
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })).status).toBe(200);
    expect(Object.keys(await workloadOf())).toEqual([fieldKey(orderId)]);

    const completed = await fx.completeOrder(orderId);
    await fx.handled(OrderCompletedV1.type, orderId);
    await fx.redeliver(completed);
    await fx.handled(OrderCompletedV1.type, orderId, 2);
    expect(await workloadOf()).toEqual({});
    expect(await fx.database.collection('active_assignments').findOne({ _id: orderId } as never)).toMatchObject({ socialWorkerId: worker, releasedAt: expect.any(Date) });

    // The worker's client retries the claim (no Idempotency-Key): the same claim, 200, and no load.
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })).status).toBe(200);
    expect(await workloadOf()).toEqual({});
    const next = await fx.placeOrder();
    expect((await fx.offersMade(next)).offers.map((offer) => offer.socialWorkerId)).toEqual([worker]);
    const view = await fx.matching.http('GET', `/v1/orders/${next}/matching`, { token: await people.admin() });
    expect(view.body.rounds[0].candidates[0].reasons[0]).toBe('load 0/1 (+40)');
  });

  it('a completion by the station itself (.v2) releases the claim like any other, once', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const token = await people.worker(worker, [fx.stationId]);
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })).status).toBe(200);
    expect(Object.keys(await workloadOf())).toEqual([fieldKey(orderId)]);
    const completed = await fx.completeOrder(orderId, 'res-test', { byStation: true });
    await fx.handled(OrderCompletedV2.type, orderId);
    await fx.redeliver(completed);
    await fx.handled(OrderCompletedV2.type, orderId, 2);
    expect(await workloadOf()).toEqual({});
  });
});
