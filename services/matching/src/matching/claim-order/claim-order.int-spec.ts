import { MatchingClaimedV1, MatchingOfferDeclinedV1, MatchingOffersMadeV1, MatchingWithdrawnV1, OrderCancelledV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';

describe('claiming an order (invariant 1)', () => {
  let fx: MatchingFixture;
  let workers: string[];

  beforeAll(async () => {
    // Everyone on the station's roster is offered the order at once.
    fx = await startMatching({ MATCHING_OFFERS_PER_ROUND: '50' });
    workers = Array.from({ length: 50 }, (_, index) => fx.workerId(`sw-${String(index).padStart(2, '0')}`));
    for (const id of workers) await fx.putWorker(id);
  });
  afterAll(() => fx.stop());

  const claim = async (worker: string, orderId: string) => fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(worker, [fx.stationId]) });

  it('fifty social workers claim one order at once: exactly one 200, forty-nine 409, one claimed event on the topic', async () => {
    const orderId = await fx.placeOrder();
    const offers = await fx.offersMade(orderId);
    expect(offers.offers.map((offer) => offer.socialWorkerId).sort()).toEqual([...workers].sort());

    const tokens = await Promise.all(workers.map((worker) => people.worker(worker, [fx.stationId])));
    const responses = await Promise.all(tokens.map((token) => fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })));

    const winners = responses.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(49);
    expect(responses.find((response) => response.status === 409)?.body).toMatchObject({ status: 409, title: 'Conflict' });
    const winner: string = winners[0].body.socialWorkerId;

    const claimed = await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === orderId);
    expect(claimed.data).toMatchObject({ orderId, socialWorkerId: winner, stationId: fx.stationId });
    expect(await fx.distinctOnTopic(orderId, MatchingClaimedV1.type)).toHaveLength(1);
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type, MatchingClaimedV1.type]);

    // The winner claiming again is a harmless retry; a loser still gets 409.
    expect((await claim(winner, orderId)).status).toBe(200);
    expect((await claim(workers.find((worker) => worker !== winner)!, orderId)).status).toBe(409);
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    expect(view.body).toMatchObject({ status: 'CLAIMED', claimedBy: winner });
    expect(view.body.offers.filter((offer: { status: string }) => offer.status === 'void')).toHaveLength(49);
  });

  it('a claim that wins before the cancellation is voided by it: claimed, then withdrawn', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    expect((await claim(workers[0], orderId)).status).toBe(200);
    await fx.cancelOrder(orderId);
    await fx.probe.waitForEvent((event) => event.type === MatchingWithdrawnV1.type && event.subject === orderId);
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type, MatchingClaimedV1.type, MatchingWithdrawnV1.type]);
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    expect(view.body).toMatchObject({ status: 'WITHDRAWN', claimedBy: workers[0] });
  });

  it('a claim after the withdrawal gets 409 and changes nothing', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    await fx.cancelOrder(orderId);
    await fx.probe.waitForEvent((event) => event.type === MatchingWithdrawnV1.type && event.subject === orderId);
    const late = await claim(workers[1], orderId);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('cancelled');
    expect(await fx.storedTypes(orderId)).toEqual([MatchingOffersMadeV1.type, MatchingWithdrawnV1.type]);
  });

  it('claims racing cancellations always end in one consistent outcome', async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const orderId = await fx.placeOrder();
      await fx.offersMade(orderId);
      const worker = workers[10 + attempt];
      // Half start together; half claim the moment the cancellation is on the wire — when the
      // service's consumer receives it too.
      const cancelledOnTheWire = () =>
        fx.probe.waitForEvent((event) => event.type === OrderCancelledV1.type && event.subject === orderId).then(() => claim(worker, orderId));
      const response =
        attempt % 2 === 0
          ? (await Promise.all([claim(worker, orderId), fx.cancelOrder(orderId)]))[0]
          : (await Promise.all([cancelledOnTheWire(), fx.cancelOrder(orderId)]))[0];
      await waitFor(async () => (await fx.storedTypes(orderId)).includes(MatchingWithdrawnV1.type), { description: `withdrawal of ${orderId}` });
      const types = await fx.storedTypes(orderId);
      if (response.status === 200) {
        // The claim won and the later cancellation voided it.
        expect(types).toEqual([MatchingOffersMadeV1.type, MatchingClaimedV1.type, MatchingWithdrawnV1.type]);
      } else {
        // The withdrawal won: the claim was refused.
        expect(response.status).toBe(409);
        expect(types).toEqual([MatchingOffersMadeV1.type, MatchingWithdrawnV1.type]);
      }
      outcomes.push(response.status === 200 ? 'claim-then-withdrawn' : 'withdrawn-then-409');
      // Either way the offer is gone from the worker's list.
      const open = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(worker, [fx.stationId]) });
      expect(open.body.items.map((item: { orderId: string }) => item.orderId)).not.toContain(orderId);
    }
    process.stdout.write(`claim vs cancellation outcomes: ${outcomes.join(', ')}\n`);
  });

  it('the caller sees their open offers; a decline closes theirs once, and a declined offer cannot be claimed', async () => {
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const token = await people.worker(workers[2], [fx.stationId]);
    // The list is a read model written right after the append: it may trail the event by a moment.
    const open = await waitFor(async () => {
      const response = await fx.matching.http('GET', '/v1/offers', { token });
      return response.body.items?.some((item: { orderId: string }) => item.orderId === orderId) ? response : undefined;
    }, { description: 'the offer in GET /v1/offers' });
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ orderId, stationId: fx.stationId, round: 1 })]));

    const declined = await fx.matching.http('POST', `/v1/orders/${orderId}/decline`, { token, body: { reason: 'busy' } });
    expect(declined.status).toBe(200);
    const again = await fx.matching.http('POST', `/v1/orders/${orderId}/decline`, { token, body: { reason: 'busy' } });
    expect(again.status).toBe(200); // a retried decline records nothing new
    const after = await fx.matching.http('GET', '/v1/offers', { token });
    expect(after.body.items.map((item: { orderId: string }) => item.orderId)).not.toContain(orderId);
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token })).status).toBe(409);
    const badReason = await fx.matching.http('POST', `/v1/orders/${orderId}/decline`, { token, body: { reason: 'because' } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors[0].field).toBe('body.reason');
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    expect(view.body.offers.find((offer: { socialWorkerId: string }) => offer.socialWorkerId === workers[2])).toMatchObject({ status: 'declined', declineReason: 'busy' });
    expect((await fx.storedTypes(orderId)).filter((type) => type === MatchingOfferDeclinedV1.type)).toHaveLength(1);
  });
});
