import { waitFor } from '@lantern/testing';
import { commandsBetween, dbCommands } from '../../test/db-commands';
import { MatchingFixture, people, startMatching } from '../../test/matching-fixture';

const candidatesOf = async (fx: MatchingFixture, orderId: string) => {
  const view = await fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token: await people.admin() });
  return Object.fromEntries((view.body.rounds[0].candidates as { socialWorkerId: string; eligible: boolean; reasons: string[] }[]).map((candidate) => [candidate.socialWorkerId, candidate]));
};

describe('the roster in memory: one replica', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    // An hour: only the replica's own invalidation can explain seeing a change at once.
    fx = await startMatching({ MATCHING_ROSTER_TTL_SECONDS: '3600' });
  });
  afterAll(() => fx.stop());

  it('a change is seen at once by the replica that made it — by matching and by GET — and matching reads no roster from the database', async () => {
    const [steady, leaving] = ['steady', 'leaving'].map((name) => fx.workerId(name));
    await fx.putWorker(steady);
    await fx.putWorker(leaving);
    const first = await fx.placeOrder();
    expect((await fx.offersMade(first)).offers.map((offer) => offer.socialWorkerId).sort()).toEqual([leaving, steady].sort());

    await fx.putWorker(leaving, { available: false });
    const listed = await fx.matching.http('GET', `/v1/social-workers?stationId=${fx.stationId}`, { token: await people.admin() });
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: leaving, available: false })]));
    const before = await dbCommands(fx.matching);
    const second = await fx.placeOrder();
    expect((await fx.offersMade(second)).offers.map((offer) => offer.socialWorkerId)).toEqual([steady]);
    expect((await candidatesOf(fx, second))[leaving]).toMatchObject({ eligible: false, reasons: ['not available (on leave)'] });
    // The PUT's change was loaded once, by the first read after it (the GET above); matching read none.
    expect(commandsBetween(before, await dbCommands(fx.matching))['social_workers find']).toBeUndefined();
  });

  it('a fulfiller change is listed at once by the replica that made it', async () => {
    const id = fx.workerId('team');
    const token = await people.admin();
    const body = (active: boolean) => ({ type: 'partner', name: { 'zh-CN': '伙伴', en: 'Partner' }, stations: [fx.stationId], categories: ['community'], active });
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${id}`, { token, body: body(true) })).status).toBe(200);
    expect((await fx.matching.http('GET', '/v1/fulfillers', { token })).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, active: true })]));
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${id}`, { token, body: body(false) })).status).toBe(200);
    expect((await fx.matching.http('GET', '/v1/fulfillers', { token })).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, active: false })]));
  });
});

describe('the roster in memory: two replicas', () => {
  let fx: MatchingFixture;

  beforeAll(async () => {
    fx = await startMatching({ MATCHING_ROSTER_TTL_SECONDS: '1' }, 2);
  });
  afterAll(() => fx.stop());

  it('the other replica sees a change within its TTL (the staleness window), for workers and fulfillers', async () => {
    const worker = fx.workerId('moved');
    const fulfiller = fx.workerId('partner');
    const token = await people.admin();
    const partner = (categories: string[]) => ({ type: 'partner', name: { 'zh-CN': '伙伴', en: 'Partner' }, stations: [fx.stationId], categories });
    await fx.putWorker(worker, { capacity: 5 });
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${fulfiller}`, { token, body: partner(['family']) })).status).toBe(200);
    const other = fx.instances[1];
    const workersThere = async () => (await other.http('GET', `/v1/social-workers?stationId=${fx.stationId}`, { token })).body.items as { id: string; capacity: number }[];
    const fulfillersThere = async () => (await other.http('GET', '/v1/fulfillers', { token })).body.items as { id: string; categories: string[] }[];
    // The second replica has the roster in memory (loaded now, or within its TTL).
    await waitFor(async () => (await workersThere()).find((entry) => entry.id === worker)?.capacity === 5, { timeoutMs: 10_000, description: 'the worker on the other replica' });

    await fx.putWorker(worker, { capacity: 7 });
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${fulfiller}`, { token, body: partner(['family', 'health']) })).status).toBe(200);
    await waitFor(async () => (await workersThere()).find((entry) => entry.id === worker)?.capacity === 7, { timeoutMs: 10_000, description: 'the new capacity on the other replica' });
    await waitFor(async () => (await fulfillersThere()).find((entry) => entry.id === fulfiller)?.categories.length === 2, { timeoutMs: 10_000, description: 'the new categories on the other replica' });
  });
});
