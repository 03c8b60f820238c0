import { MatchingClaimedV1, OrderPlacedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';

describe('candidate selection when an order is placed', () => {
  let fx: MatchingFixture;
  const ids: Record<string, string> = {};
  let busyOrderId: string;

  beforeAll(async () => {
    fx = await startMatching({ MATCHING_OFFERS_PER_ROUND: '2' });
    for (const name of ['fresh', 'regular', 'busy', 'unskilled', 'inactive', 'on-leave', 'sup']) ids[name] = fx.workerId(name);
    await fx.putWorker(ids.fresh);
    await fx.putWorker(ids.regular);
    await fx.putWorker(ids.busy, { capacity: 1 });
    await fx.putWorker(ids.unskilled, { skills: ['children'] });
    await fx.putWorker(ids.inactive, { active: false });
    await fx.putWorker(ids['on-leave'], { available: false });
    await fx.putWorker(ids.sup, { supervisor: true });
  });
  afterAll(() => fx.stop());

  async function claimAs(worker: string, orderId: string, residentId: string) {
    const response = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(worker, [fx.stationId]) });
    expect({ worker, residentId, status: response.status }).toEqual({ worker, residentId, status: 200 });
    await fx.probe.waitForEvent((event) => event.type === MatchingClaimedV1.type && event.subject === orderId);
  }

  it('hard filters and the score explain every candidate: skill, active, availability, capacity, load, continuity, fairness', async () => {
    // History: "busy" (capacity 1) and "regular" each claimed an order; "regular" served resident R.
    const first = await fx.placeOrder({ residentId: 'res-other' });
    busyOrderId = first;
    await fx.offersMade(first);
    await claimAs(ids.busy, first, 'res-other');
    const second = await fx.placeOrder({ residentId: 'res-r' });
    const offered = await fx.offersMade(second);
    expect(offered.offers.map((offer) => offer.socialWorkerId)).toContain(ids.regular);
    await claimAs(ids.regular, second, 'res-r');

    const orderId = await fx.placeOrder({ residentId: 'res-r' });
    const made = await fx.offersMade(orderId);
    const view = await waitFor(async () => {
      const response = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.supervisor(ids.sup, [fx.stationId]) });
      return response.status === 200 ? response : undefined;
    });
    const byWorker = Object.fromEntries((view.body.rounds[0].candidates as { socialWorkerId: string; reasons: string[] }[]).map((candidate) => [candidate.socialWorkerId, candidate]));
    expect(byWorker[ids.unskilled]).toMatchObject({ eligible: false, chosen: false, reasons: ['no skill in elderly-care'] });
    expect(byWorker[ids.inactive]).toMatchObject({ eligible: false, reasons: ['not active on the roster'] });
    expect(byWorker[ids['on-leave']]).toMatchObject({ eligible: false, reasons: ['not available (on leave)'] });
    expect(byWorker[ids.sup]).toMatchObject({ eligible: false, reasons: ['station supervisor: receives escalations, not offers'] });
    expect(byWorker[ids.busy]).toMatchObject({ eligible: false, reasons: ['at capacity (1/1)'] });
    expect(byWorker[ids.fresh]).toMatchObject({ eligible: true, chosen: true, rank: 1, score: 70 });
    expect(byWorker[ids.fresh].reasons).toEqual(['load 0/5 (+40)', 'has not served this resident (+0)', 'no claim yet (+30)', 'offered in round 1 (rank 1)']);
    expect(byWorker[ids.regular]).toMatchObject({ eligible: true, chosen: true, rank: 2 });
    expect(byWorker[ids.regular].reasons).toEqual(expect.arrayContaining(['load 1/5 (+32)', 'served this resident before (+30)']));
    expect(made.offers.map((offer) => offer.socialWorkerId).sort()).toEqual([ids.fresh, ids.regular].sort());
    expect(view.body.offers.map((offer: { status: string }) => offer.status)).toEqual(['open', 'open']);
  });

  it('cancelling an order voids its claim and frees the worker’s capacity for the next order', async () => {
    // "busy" (capacity 1) is at capacity with the first order of the previous test.
    await fx.cancelOrder(busyOrderId);
    await waitFor(async () => (await fx.storedTypes(busyOrderId)).includes('lantern.matching.withdrawn.v1'), { description: 'the withdrawal' });
    const orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
    const busy = view.body.rounds[0].candidates.find((candidate: { socialWorkerId: string }) => candidate.socialWorkerId === ids.busy);
    expect(busy).toMatchObject({ eligible: true });
    expect(busy.reasons[0]).toBe('load 0/1 (+40)');
  });

  it('a cancellation that overtakes its placement (a retried message) leaves the case withdrawn, with no offers', async () => {
    const orderId = `ord_late_${Date.now()}`;
    await fx.cancelOrder(orderId);
    await waitFor(async () => (await fx.storedTypes(orderId)).includes('lantern.matching.withdrawn.v1'), { description: 'the withdrawal' });
    await fx.placeOrder({ orderId });
    await fx.handled(OrderPlacedV1.type, orderId);
    expect(await fx.storedTypes(orderId)).toEqual(['lantern.matching.withdrawn.v1']);
    const offers = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(ids.fresh, [fx.stationId]) });
    expect(offers.body.items.map((offer: { orderId: string }) => offer.orderId)).not.toContain(orderId);
  });
});
