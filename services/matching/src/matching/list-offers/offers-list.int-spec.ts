import { MatchingOfferDeclinedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { commandsBetween, dbCommands } from '../../../test/db-commands';
import { MatchingFixture, people, startMatching } from '../../../test/matching-fixture';
import { fieldKey } from '../field-key';
import { WorkerOfferEntry } from '../worker-offers.model';

const listOf = async (fx: MatchingFixture, worker: string): Promise<string[]> => {
  const response = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(worker, [fx.stationId]) });
  expect(response.status).toBe(200);
  return response.body.items.map((item: { orderId: string }) => item.orderId);
};

describe('GET /v1/offers through a case: offers, a decline, an expiry, a claim', () => {
  let fx: MatchingFixture;
  let workers: string[];

  beforeAll(async () => {
    fx = await startMatching({ MATCHING_CLAIM_SLA_SECONDS: '2', MATCHING_OFFERS_PER_ROUND: '2', MATCHING_OFFER_ROUNDS: '2' });
    workers = ['a', 'b', 'c', 'd'].map((name) => fx.workerId(name));
    for (const id of workers) await fx.putWorker(id);
  });
  afterAll(() => fx.stop());

  it('each worker lists exactly their open offers at every step', async () => {
    const orderId = await fx.placeOrder();
    const first = (await fx.offersMade(orderId, 1)).offers.map((offer) => offer.socialWorkerId);
    const second = workers.filter((id) => !first.includes(id));
    // Written right after the append: it may trail the event by a moment.
    for (const id of first) await waitFor(async () => (await listOf(fx, id)).includes(orderId), { description: `the offer in ${id}'s list` });
    for (const id of second) expect(await listOf(fx, id)).not.toContain(orderId);

    // A decline takes it off the decliner's list at once, and only theirs.
    const token = await people.worker(first[0], [fx.stationId]);
    expect((await fx.matching.http('POST', `/v1/orders/${orderId}/decline`, { token, body: { reason: 'busy' } })).status).toBe(200);
    expect(await listOf(fx, first[0])).not.toContain(orderId);
    expect(await listOf(fx, first[1])).toContain(orderId);

    // The SLA runs out: round 2 goes to the other two; the first round's offers are gone.
    expect((await fx.offersMade(orderId, 2, 10_000)).offers.map((offer) => offer.socialWorkerId).sort()).toEqual([...second].sort());
    for (const id of second) await waitFor(async () => (await listOf(fx, id)).includes(orderId), { description: `the round-2 offer in ${id}'s list` });
    for (const id of first) expect(await listOf(fx, id)).not.toContain(orderId);

    // A claim closes every offer of the case at once.
    const claim = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(second[0], [fx.stationId]) });
    expect(claim.status).toBe(200);
    for (const id of workers) expect({ id, listed: (await listOf(fx, id)).includes(orderId) }).toEqual({ id, listed: false });
  });
});

describe('GET /v1/offers reads by _id and trusts no entry behind its case', () => {
  let fx: MatchingFixture;
  let a: string;
  let b: string;
  const offersOf = (worker: string) => fx.database.collection<{ _id: string; offers: Record<string, WorkerOfferEntry> }>('worker_offers').findOne({ _id: worker });

  beforeAll(async () => {
    fx = await startMatching({ MATCHING_OFFERS_PER_ROUND: '2' });
    [a, b] = ['a', 'b'].map((name) => fx.workerId(name));
    await fx.putWorker(a);
    await fx.putWorker(b);
  });
  afterAll(() => fx.stop());

  it('is one read of the worker’s document and one probe of each open offer’s case', async () => {
    const orders = [await fx.placeOrder(), await fx.placeOrder(), await fx.placeOrder()];
    await waitFor(async () => (await listOf(fx, a)).length === 3, { description: 'three open offers for a' });
    const before = await dbCommands(fx.matching);
    expect((await listOf(fx, a)).sort()).toEqual([...orders].sort());
    const sent = commandsBetween(before, await dbCommands(fx.matching));
    const reads = Object.fromEntries(Object.entries(sent).filter(([key]) => /^(worker_offers|events|stream_heads|order_intakes) /.test(key)));
    expect(reads).toEqual({ 'worker_offers find': 1, 'events find': 3 });
  });

  it('an entry written from an older version of its case is checked on the case: shown and brought up to date while open, removed once closed', async () => {
    const open = await fx.placeOrder();
    const closed = await fx.placeOrder();
    await fx.offersMade(open);
    await fx.offersMade(closed);
    await waitFor(async () => (await listOf(fx, b)).length >= 2, { description: 'both offers listed for b' });
    // a declines one (version 2: b's offer stays open) and claims the other (version 2: b's offer closes).
    const tokenA = await people.worker(a, [fx.stationId]);
    expect((await fx.matching.http('POST', `/v1/orders/${open}/decline`, { token: tokenA, body: { reason: 'busy' } })).status).toBe(200);
    expect((await fx.matching.http('POST', `/v1/orders/${closed}/claim`, { token: tokenA })).status).toBe(200);
    await fx.probe.waitForEvent((event) => event.type === MatchingOfferDeclinedV1.type && event.subject === open);
    // A late writer puts back what b's document said at version 1 (as a replica lagging behind could).
    const stale = (await offersOf(b))!.offers[fieldKey(open)];
    expect(stale.caseVersion).toBe(2);
    const atVersion1 = (orderId: string): WorkerOfferEntry => ({ ...stale, orderId, caseVersion: 1 });
    await fx.database.collection('worker_offers').updateOne({ _id: b } as never, { $set: { [`offers.${fieldKey(open)}`]: atVersion1(open), [`offers.${fieldKey(closed)}`]: atVersion1(closed) } });

    const listed = await listOf(fx, b);
    expect(listed).toContain(open);
    expect(listed).not.toContain(closed);
    const repaired = (await offersOf(b))!.offers;
    expect(repaired[fieldKey(open)]).toMatchObject({ orderId: open, caseVersion: 2 });
    expect(repaired[fieldKey(closed)]).toBeUndefined();
  });
});
