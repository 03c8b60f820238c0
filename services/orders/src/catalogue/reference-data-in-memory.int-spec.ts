import { startTestService, TestService, waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { dbCommandsOn } from '../../test/db-commands';
import { afterSchoolCare, OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { OrdersModule } from '../orders.module';
import { ServiceOffering } from './service-offering.model';
import { ServiceOfferingResponse } from './service-offering.response.dto';

describe('the menu and the stations are served from memory', () => {
  let fx: OrdersFixture;
  /**
   * A second replica on the same database and consumer group. Both run in this process, so
   * their database commands are counted together: it remembers for a minute too, so that what
   * it does with the events of this test's orders is never a refresh. The replica with a short
   * memory (300 ms) is started only by the test about it.
   */
  let other: TestService;
  const maxAgeMs = 300;
  const startReplica = (maxAge: number) =>
    startTestService(OrdersModule, { service: 'orders', database: fx.orders.database, env: { CONSUMER_GROUP: fx.group, ORDERS_REFERENCE_DATA_MAX_AGE_MS: String(maxAge) } });
  const code = () => `elderly-meals-${randomUUID().slice(0, 8)}`;
  const clocks = { claim: 720, fulfil: 4320, feedback: 4320 };
  const service = (serviceCode: string) => ({
    code: serviceCode,
    kind: 'regular',
    category: 'elderly-care',
    name: { 'zh-CN': '长者助餐', en: 'Meals for older residents' },
    targetGroups: ['elderly', 'disabled'],
    privacy: 'restricted',
    sla: { normal: clocks, urgent: { ...clocks, claim: 60 } },
  });
  const menuOf = async (replica: TestService) => ((await replica.http('GET', '/v1/catalogue')).body.items as { code: string }[]).map((item) => item.code);
  const placeOn = async (replica: TestService, serviceCode: string) =>
    replica.http('POST', '/v1/orders', { token: await people.residentA(), body: { serviceCode, stationId: 'meisha-centre' } });

  beforeAll(async () => {
    // This replica remembers for a minute: within a test, a command it sends is never a refresh.
    fx = await startOrders({ ORDERS_REFERENCE_DATA_MAX_AGE_MS: '60000' });
    other = await startReplica(60_000);
    // Its copies are loaded on first use: now, rather than when it handles a test's order.
    expect((await other.http('GET', '/v1/catalogue')).status).toBe(200);
    expect((await other.http('GET', '/v1/stations')).status).toBe(200);
  });
  afterAll(async () => {
    await other?.stop();
    await fx?.stop();
  });

  it('GET /v1/catalogue and /v1/stations answer what they always did, byte for byte: the stored entries, as JSON', async () => {
    const catalogue = await fetch(`${fx.orders.url}/v1/catalogue`);
    expect(catalogue.status).toBe(200);
    expect(catalogue.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // What the controller returned before, read from the database itself: every stored service
    // not retired, regular first, by code, each as ServiceOfferingResponse shows it.
    const services = (await fx.database.collection('catalogue').find().toArray()) as unknown as ServiceOffering[];
    const menu = services
      .filter((offering) => !offering.retiredAt)
      .sort((a, b) => a.kind.localeCompare(b.kind) || a._id.localeCompare(b._id))
      .map(ServiceOfferingResponse.from);
    expect(menu.length).toBeGreaterThanOrEqual(9);
    expect(await catalogue.text()).toBe(JSON.stringify({ items: menu }));

    const stations = await fetch(`${fx.orders.url}/v1/stations`);
    expect(stations.status).toBe(200);
    expect(stations.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const stored = (await fx.database.collection('stations').find().toArray()).sort((a, b) => String(a._id).localeCompare(String(b._id)));
    expect(stored.length).toBe(10);
    expect(await stations.text()).toBe(JSON.stringify({ items: stored.map(({ _id, ...station }) => ({ id: _id, ...station })) }));
  });

  it('each answers with an ETag that every replica gives for the same bytes; If-None-Match with it is a 304 with no body', async () => {
    for (const path of ['/v1/catalogue', '/v1/stations']) {
      const first = await fetch(`${fx.orders.url}${path}`);
      const body = await first.text();
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const onOther = await fetch(`${other.url}${path}`);
      expect(await onOther.text()).toBe(body);
      expect(onOther.headers.get('etag')).toBe(etag);

      for (const ifNoneMatch of [etag, `W/${etag}`, `"someone-else", ${etag}`]) {
        const again = await fetch(`${fx.orders.url}${path}`, { headers: { 'if-none-match': ifNoneMatch } });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('content-length')).toBeNull();
        expect(again.headers.get('x-correlation-id')).toBeTruthy();
      }
      const stale = await fetch(`${fx.orders.url}${path}`, { headers: { 'if-none-match': '"an-older-copy"' } });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(body);
      const head = await fetch(`${fx.orders.url}${path}`, { method: 'HEAD', headers: { 'if-none-match': etag } });
      expect(head.status).toBe(304);
    }
  });

  it('a change of the menu changes its ETag at once on the replica that made it, and within ORDERS_REFERENCE_DATA_MAX_AGE_MS on another: a held copy is answered 200 with the new menu', async () => {
    const forgetful = await startReplica(maxAgeMs);
    try {
      const held = (await fetch(`${forgetful.url}/v1/catalogue`)).headers.get('etag')!;
      const heldHere = (await fetch(`${fx.orders.url}/v1/catalogue`)).headers.get('etag')!;
      const serviceCode = code();
      expect((await fx.orders.http('POST', '/v1/catalogue', { token: await people.admin(), body: service(serviceCode) })).status).toBe(201);

      const here = await fetch(`${fx.orders.url}/v1/catalogue`, { headers: { 'if-none-match': heldHere } });
      expect(here.status).toBe(200);
      expect(((await here.json()) as { items: { code: string }[] }).items.map((item) => item.code)).toContain(serviceCode);
      const newTag = here.headers.get('etag')!;
      expect(newTag).not.toBe(heldHere);
      expect((await fetch(`${fx.orders.url}/v1/catalogue`, { headers: { 'if-none-match': newTag } })).status).toBe(304);

      // The other replica learns of it within its memory's age: the copy it gave before is stale then.
      await waitFor(async () => (await fetch(`${forgetful.url}/v1/catalogue`, { headers: { 'if-none-match': held } })).status === 200, {
        timeoutMs: 5_000,
        description: 'the old menu refused on the other replica',
      });
      const there = await fetch(`${forgetful.url}/v1/catalogue`);
      expect(((await there.json()) as { items: { code: string }[] }).items.map((item) => item.code)).toContain(serviceCode);

      // Retired: off the menu, and the tag that named the menu with it is stale.
      expect((await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: await people.admin() })).status).toBe(200);
      const retired = await fetch(`${fx.orders.url}/v1/catalogue`, { headers: { 'if-none-match': newTag } });
      expect(retired.status).toBe(200);
      expect(((await retired.json()) as { items: { code: string }[] }).items.map((item) => item.code)).not.toContain(serviceCode);
    } finally {
      await forgetful.stop();
    }
  });

  it('reading the menu and the stations, and placing an order, cost no catalogue or station command', async () => {
    // Both copies loaded (at start-up, by seeding) and fresh for the next minute.
    expect((await fx.orders.http('GET', '/v1/catalogue')).status).toBe(200);
    expect((await fx.orders.http('GET', '/v1/stations')).status).toBe(200);
    // Other suites' orders on the shared topics name services this menu lacks: the report
    // projector looks each up once. Counted here is only what this test does.
    await fx.caughtUp();
    const before = { catalogue: await dbCommandsOn(fx.orders, 'catalogue'), stations: await dbCommandsOn(fx.orders, 'stations') };
    for (let request = 0; request < 20; request += 1) {
      expect((await fx.orders.http('GET', '/v1/catalogue')).status).toBe(200);
      expect((await fx.orders.http('GET', '/v1/stations')).status).toBe(200);
    }
    await fx.place(afterSchoolCare);
    await fx.caughtUp();
    expect({ catalogue: await dbCommandsOn(fx.orders, 'catalogue'), stations: await dbCommandsOn(fx.orders, 'stations') }).toEqual(before);
  });

  it('a service an admin adds is orderable at once: on that replica from memory, on another by one lookup', async () => {
    const serviceCode = code();
    expect(await menuOf(fx.orders)).not.toContain(serviceCode);
    expect((await fx.orders.http('POST', '/v1/catalogue', { token: await people.admin(), body: service(serviceCode) })).status).toBe(201);

    // Orderable on the other replica at once (it looks the unknown code up); from then on it
    // knows the service, so its handling of the next order's events costs nothing either.
    expect((await placeOn(other, serviceCode)).status).toBe(201);
    expect(await menuOf(other)).toContain(serviceCode);

    await fx.caughtUp(); // other suites' orders: see above
    const before = await dbCommandsOn(fx.orders, 'catalogue');
    expect(await menuOf(fx.orders)).toContain(serviceCode);
    expect((await placeOn(fx.orders, serviceCode)).status).toBe(201);
    await fx.caughtUp();
    expect(await dbCommandsOn(fx.orders, 'catalogue')).toBe(before);
  });

  it('a change made behind a replica (by another replica, or in the database) reaches it within ORDERS_REFERENCE_DATA_MAX_AGE_MS', async () => {
    const forgetful = await startReplica(maxAgeMs);
    try {
      await changeBehind(forgetful);
    } finally {
      await forgetful.stop();
    }
  });

  const changeBehind = async (other: TestService) => {
    const serviceCode = code();
    expect(await menuOf(other)).not.toContain(serviceCode);
    const { code: _id, ...fields } = service(serviceCode);
    await fx.database.collection('catalogue').insertOne({ _id, ...fields, retiredAt: null } as never);
    await waitFor(async () => (await menuOf(other)).includes(serviceCode), { timeoutMs: 5_000, description: `${serviceCode} on the other replica's menu` });

    // Retired on the first replica (which knows it by now): gone there at once, and from the
    // other within its memory's age.
    expect((await placeOn(fx.orders, serviceCode)).status).toBe(201);
    expect(await menuOf(fx.orders)).toContain(serviceCode);
    expect((await placeOn(other, serviceCode)).status).toBe(201);
    expect((await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: await people.admin() })).status).toBe(200);
    expect(await menuOf(fx.orders)).not.toContain(serviceCode);
    expect((await placeOn(fx.orders, serviceCode)).status).toBe(422);
    await waitFor(async () => !(await menuOf(other)).includes(serviceCode), { timeoutMs: 5_000, description: `${serviceCode} off the other replica's menu` });
    const refused = await placeOn(other, serviceCode);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('body.serviceCode');
  };
});
