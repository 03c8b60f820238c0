import { documentedOperations, statusesWithoutToken, waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { MatchingFixture, people, startMatching } from '../test/matching-fixture';

/**
 * Who may call each matching endpoint, and on what. Each test runs one endpoint against a table
 * of callers and compares the whole table, so a failure shows every cell at once.
 */
describe('the role and ownership matrix of every matching endpoint', () => {
  let fx: MatchingFixture;
  let other: string;
  let offeredA: string;
  let offeredB: string;
  let notOffered: string;
  let supervisor: string;
  let orderId: string;

  beforeAll(async () => {
    fx = await startMatching();
    other = `st-other-${randomUUID().slice(0, 8)}`;
    offeredA = fx.workerId('sw-offered-a');
    offeredB = fx.workerId('sw-offered-b');
    notOffered = fx.workerId('sw-unskilled');
    supervisor = fx.workerId('sup');
    await fx.putWorker(offeredA);
    await fx.putWorker(offeredB);
    await fx.putWorker(notOffered, { skills: ['children'] });
    await fx.putWorker(supervisor, { supervisor: true });
    await fx.putWorker(fx.workerId('sw-elsewhere'), { stations: [other] });
    orderId = await fx.placeOrder();
    await fx.offersMade(orderId);
    const token = await people.worker(offeredA, [fx.stationId]);
    await waitFor(async () => (await fx.matching.http('GET', '/v1/offers', { token })).body.items?.length === 1, { description: 'the open-offer read model' });
  });
  afterAll(() => fx.stop());

  const callers = (): Record<string, () => Promise<string | undefined>> => ({
    anonymous: async () => undefined,
    resident: people.resident,
    volunteer: people.volunteer,
    admin: people.admin,
    'worker offered': () => people.worker(offeredA, [fx.stationId]),
    'worker offered B': () => people.worker(offeredB, [fx.stationId]),
    'worker of the station, not offered': () => people.worker(notOffered, [fx.stationId]),
    'worker of another station': () => people.worker(fx.workerId('sw-elsewhere'), [other]),
    'supervisor of the station': () => people.supervisor(supervisor, [fx.stationId]),
    'supervisor of another station': () => people.supervisor('sup-elsewhere', [other]),
    'committee of the station': () => people.committee('committee-1', [fx.stationId]),
  });

  async function matrix(labels: string[], call: (token: string | undefined, label: string) => Promise<{ status: number }>) {
    const all = callers();
    const result: Record<string, number> = {};
    for (const label of labels) result[label] = (await call(await all[label](), label)).status;
    return result;
  }

  it('PUT /v1/social-workers/{id}: admins, and supervisors of every station the worker covers (before and after)', async () => {
    const body = (stations: string[]) => ({ name: 'New worker', skills: ['family'], stations, capacity: 3 });
    const statuses = await matrix(Object.keys(callers()), (token, label) =>
      fx.matching.http('PUT', `/v1/social-workers/${fx.workerId(`new-${label.replace(/\W+/g, '-')}`)}`, { token, body: body([fx.stationId]) }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      volunteer: 403,
      admin: 200,
      'worker offered': 403,
      'worker offered B': 403,
      'worker of the station, not offered': 403,
      'worker of another station': 403,
      'supervisor of the station': 200,
      'supervisor of another station': 403,
      'committee of the station': 403,
    });
    // Ownership: a supervisor cannot pull a worker out of another station, nor into one they do not run.
    const token = await people.supervisor(supervisor, [fx.stationId]);
    expect((await fx.matching.http('PUT', `/v1/social-workers/${fx.workerId('sw-elsewhere')}`, { token, body: body([fx.stationId]) })).status).toBe(403);
    expect((await fx.matching.http('PUT', `/v1/social-workers/${fx.workerId('sw-mine')}`, { token, body: body([fx.stationId, other]) })).status).toBe(403);
  });

  it('PUT /v1/fulfillers/{id}: admins, and supervisors of every station it serves', async () => {
    const body = (stations: string[]) => ({ type: 'partner', name: { 'zh-CN': '伙伴机构', en: 'Partner' }, stations, categories: ['community'] });
    const statuses = await matrix(['anonymous', 'resident', 'worker offered', 'committee of the station', 'supervisor of another station', 'supervisor of the station', 'admin'], (token, label) =>
      fx.matching.http('PUT', `/v1/fulfillers/${fx.workerId(`team-${label.replace(/\W+/g, '-')}`)}`, { token, body: body([fx.stationId]) }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      'worker offered': 403,
      'committee of the station': 403,
      'supervisor of another station': 403,
      'supervisor of the station': 200,
      admin: 200,
    });
    const elsewhere = fx.workerId('team-elsewhere');
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${elsewhere}`, { token: await people.admin(), body: body([other]) })).status).toBe(200);
    const token = await people.supervisor(supervisor, [fx.stationId]);
    expect((await fx.matching.http('PUT', `/v1/fulfillers/${elsewhere}`, { token, body: body([fx.stationId]) })).status).toBe(403);
  });

  it('GET /v1/social-workers and /v1/fulfillers: staff see their stations’ entries only, admins all', async () => {
    for (const path of ['/v1/social-workers', '/v1/fulfillers']) {
      const statuses = await matrix(['anonymous', 'resident', 'volunteer', 'worker offered', 'committee of the station', 'admin'], (token) => fx.matching.http('GET', path, { token }));
      expect({ path, statuses }).toEqual({
        path,
        statuses: { anonymous: 401, resident: 403, volunteer: 403, 'worker offered': 200, 'committee of the station': 200, admin: 200 },
      });
      const mine = await fx.matching.http('GET', path, { token: await people.worker(offeredA, [fx.stationId]) });
      expect(mine.body.items.length).toBeGreaterThan(0);
      expect(mine.body.items.every((item: { stations: string[] }) => item.stations.includes(fx.stationId))).toBe(true);
      const theirs = await fx.matching.http('GET', `${path}?stationId=${other}`, { token: await people.worker(offeredA, [fx.stationId]) });
      expect(theirs.status).toBe(403);
      const admin = await fx.matching.http('GET', `${path}?stationId=${other}`, { token: await people.admin() });
      expect(admin.body.items.length).toBeGreaterThan(0);
    }
  });

  it('GET /v1/offers: social workers, each seeing only their own', async () => {
    const statuses = await matrix(['anonymous', 'resident', 'admin', 'supervisor of the station', 'worker offered', 'worker of the station, not offered'], (token) =>
      fx.matching.http('GET', '/v1/offers', { token }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      admin: 403,
      'supervisor of the station': 403,
      'worker offered': 200,
      'worker of the station, not offered': 200,
    });
    const offered = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(offeredA, [fx.stationId]) });
    expect(offered.body.items.map((item: { orderId: string }) => item.orderId)).toEqual([orderId]);
    const notOfferedList = await fx.matching.http('GET', '/v1/offers', { token: await people.worker(notOffered, [fx.stationId]) });
    expect(notOfferedList.body).toEqual({ items: [], nextCursor: null });
  });

  it('GET /v1/orders/{orderId}/matching: staff of the order’s station and admins; others 404 as if it did not exist', async () => {
    const statuses = await matrix(Object.keys(callers()), (token) => fx.matching.http('GET', `/v1/orders/${orderId}/matching`, { token }));
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      volunteer: 403,
      admin: 200,
      'worker offered': 200,
      'worker offered B': 200,
      'worker of the station, not offered': 200,
      'worker of another station': 404,
      'supervisor of the station': 200,
      'supervisor of another station': 404,
      'committee of the station': 200,
    });
    const missing = await fx.matching.http('GET', '/v1/orders/ord_missing/matching', { token: await people.admin() });
    expect(missing.status).toBe(404);
  });

  it('POST /v1/orders/{orderId}/decline: only a social worker with an open offer', async () => {
    const statuses = await matrix(
      ['anonymous', 'resident', 'admin', 'supervisor of the station', 'worker of another station', 'worker of the station, not offered', 'worker offered B'],
      (token) => fx.matching.http('POST', `/v1/orders/${orderId}/decline`, { token, body: { reason: 'conflict_of_interest' } }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      admin: 403,
      'supervisor of the station': 403,
      'worker of another station': 404,
      'worker of the station, not offered': 403,
      'worker offered B': 200,
    });
  });

  it('POST /v1/orders/{orderId}/claim: only a social worker with an open offer (supervisors: once escalated); then everyone else 409', async () => {
    const statuses = await matrix(
      ['anonymous', 'resident', 'admin', 'volunteer', 'worker of another station', 'worker of the station, not offered', 'supervisor of the station', 'worker offered B', 'worker offered'],
      (token) => fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      admin: 403,
      volunteer: 403,
      'worker of another station': 404,
      'worker of the station, not offered': 403,
      'supervisor of the station': 403, // not escalated
      'worker offered B': 409, // declined above
      'worker offered': 200,
    });
    const late = await fx.matching.http('POST', `/v1/orders/${orderId}/claim`, { token: await people.worker(notOffered, [fx.stationId]) });
    expect(late.status).toBe(409);
    const missing = await fx.matching.http('POST', '/v1/orders/ord_missing/claim', { token: await people.worker(offeredA, [fx.stationId]) });
    expect(missing.status).toBe(404);
  });

  it('POST /v1/orders/{orderId}/reassign: the worker who holds the claim, or a supervisor of the station; only to an active worker of the station', async () => {
    // After the claim above, 'worker offered' holds it; each 200 moves it, and the next holder may move it on.
    const to: Record<string, string> = { 'worker offered': offeredB, 'worker offered B': offeredA, 'supervisor of the station': offeredB };
    const statuses = await matrix(
      [
        'anonymous',
        'resident',
        'admin',
        'volunteer',
        'committee of the station',
        'worker of another station',
        'supervisor of another station',
        'worker of the station, not offered',
        'worker offered',
        'worker offered B',
        'supervisor of the station',
      ],
      (token, label) => fx.matching.http('POST', `/v1/orders/${orderId}/reassign`, { token, body: { socialWorkerId: to[label] ?? offeredB } }),
    );
    expect(statuses).toEqual({
      anonymous: 401,
      resident: 403,
      admin: 403,
      volunteer: 403,
      'committee of the station': 403,
      'worker of another station': 404,
      'supervisor of another station': 404,
      'worker of the station, not offered': 403,
      'worker offered': 200,
      'worker offered B': 200,
      'supervisor of the station': 200,
    });
    const supervisorToken = await people.supervisor(supervisor, [fx.stationId]);
    for (const target of ['sw-nobody', supervisor, fx.workerId('sw-elsewhere')]) {
      const refused = await fx.matching.http('POST', `/v1/orders/${orderId}/reassign`, { token: supervisorToken, body: { socialWorkerId: target } });
      expect({ target, status: refused.status, field: refused.body.errors?.[0]?.field }).toEqual({ target, status: 422, field: 'body.socialWorkerId' });
    }
  });

  it('every operation of the OpenAPI document (valid OpenAPI 3) has a test above, and none answers without a token', async () => {
    // The operations the tests above put through their tables; a new endpoint fails here until it has one.
    const inMatrix = [
      'PUT /v1/social-workers/{id}',
      'PUT /v1/fulfillers/{id}',
      'GET /v1/social-workers',
      'GET /v1/fulfillers',
      'GET /v1/offers',
      'GET /v1/orders/{orderId}/matching',
      'POST /v1/orders/{orderId}/decline',
      'POST /v1/orders/{orderId}/claim',
      'POST /v1/orders/{orderId}/reassign',
    ];
    const { errors, operations } = await documentedOperations(fx.matching.http);
    expect(errors).toEqual([]);
    expect(operations).toEqual([...inMatrix].sort());
    expect(await statusesWithoutToken(fx.matching.http, operations)).toEqual(Object.fromEntries(operations.map((operation) => [operation, 401])));
  });
});
