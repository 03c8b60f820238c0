import { MenuServiceAddedV1, MenuServiceReinstatedV1, MenuServiceRetiredV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { menuServiceStreamId } from './menu-service-stream';

describe('admins add services to the menu, retire them and reinstate them', () => {
  let fx: OrdersFixture;
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

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  it('an admin adds a service: 201, on the public menu, and orderable', async () => {
    const serviceCode = code();
    const added = await fx.orders.http('POST', '/v1/catalogue', { token: await people.admin(), body: service(serviceCode) });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ ...service(serviceCode), code: serviceCode });
    const menu = await fx.orders.http('GET', '/v1/catalogue');
    expect(menu.body.items.map((item: { code: string }) => item.code)).toContain(serviceCode);
    await fx.place({ serviceCode, stationId: 'meisha-centre' });
  });

  it('a code already on the menu is 409; a bad body is 400 naming nested fields; only admins may add', async () => {
    const token = await people.admin();
    expect((await fx.orders.http('POST', '/v1/catalogue', { token, body: service('after-school-care') })).status).toBe(409);
    const bad = await fx.orders.http('POST', '/v1/catalogue', {
      token,
      body: { ...service(code()), kind: 'premium', targetGroups: ['pets'], sla: { normal: { ...clocks, claim: 0 }, urgent: clocks }, name: { en: 'x' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.kind', 'body.name.zh-CN', 'body.sla.normal.claim', 'body.targetGroups']);
    expect((await fx.orders.http('POST', '/v1/catalogue', { token: await people.supervisorLizhoujiao(), body: service(code()) })).status).toBe(403);
    expect((await fx.orders.http('POST', '/v1/catalogue', { body: service(code()) })).status).toBe(401);
  });

  it('an admin retires a service: off the menu, new orders are 422, orders already placed carry on', async () => {
    const serviceCode = code();
    await fx.orders.http('POST', '/v1/catalogue', { token: await people.admin(), body: service(serviceCode) });
    const placedBefore = await fx.place({ serviceCode, stationId: 'lizhoujiao-centre' });

    expect((await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: await people.supervisorLizhoujiao() })).status).toBe(403);
    const retired = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: await people.admin() });
    expect(retired.status).toBe(200);
    expect(retired.body).toEqual({ code: serviceCode, retiredAt: expect.any(String) });
    const again = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: await people.admin() });
    expect(again.body.retiredAt).toBe(retired.body.retiredAt);

    const menu = await fx.orders.http('GET', '/v1/catalogue');
    expect(menu.body.items.map((item: { code: string }) => item.code)).not.toContain(serviceCode);
    const refused = await fx.orders.http('POST', '/v1/orders', { token: await people.residentA(), body: { serviceCode, stationId: 'lizhoujiao-centre' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('body.serviceCode');

    await fx.claim(placedBefore);
    const routed = await fx.orders.http('POST', `/v1/orders/${placedBefore}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
    expect(routed.status).toBe(200);
    expect((await fx.orders.http('POST', '/v1/catalogue/no-such-service/retire', { token: await people.admin() })).status).toBe(404);
  });

  const menu = async () => (await fx.orders.http('GET', '/v1/catalogue')).body.items.map((item: { code: string }) => item.code) as string[];
  const changesOf = (serviceCode: string) =>
    fx.probe.events().filter((event) => event.subject === menuServiceStreamId(serviceCode)).map((event) => [event.type, (event.data as { version: number }).version]);

  it('retiring publishes menu-service.retired once, however many admins race to do it', async () => {
    const serviceCode = code();
    await fx.orders.http('POST', '/v1/catalogue', { token: await people.admin(), body: service(serviceCode) });
    const admin = await people.admin();
    const answers = await Promise.all(Array.from({ length: 5 }, () => fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: admin })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.retiredAt)).size).toBe(1);

    const retired = await fx.probe.waitForEvent((event) => event.type === MenuServiceRetiredV1.type && event.subject === menuServiceStreamId(serviceCode));
    // Version 2: the entry's stream begins with its addition (menu-service.added, who added it).
    expect(retired.data).toEqual({ serviceCode, version: 2, category: 'elderly-care', retiredBy: 'admin-1', retiredAt: answers[0].body.retiredAt });
    // Kafka has what it will get: the addition, then one retirement on the stream.
    const stored = await fx.database.collection('events').find({ streamId: menuServiceStreamId(serviceCode) }).toArray();
    expect(stored.sort((a, b) => a.version - b.version).map((event) => event.type)).toEqual([MenuServiceAddedV1.type, MenuServiceRetiredV1.type]);
  });

  it('an admin reinstates a retired service: back on the menu and orderable with its clocks, menu-service.reinstated published; only admins may', async () => {
    const serviceCode = code();
    const admin = await people.admin();
    await fx.orders.http('POST', '/v1/catalogue', { token: admin, body: service(serviceCode) });
    await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: admin });
    expect(await menu()).not.toContain(serviceCode);

    for (const token of [await people.supervisorLizhoujiao(), await people.residentA()]) {
      expect((await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`, { token })).status).toBe(403);
    }
    expect((await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`)).status).toBe(401);
    expect(await menu()).not.toContain(serviceCode);

    const reinstated = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`, { token: admin });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body).toEqual({ code: serviceCode, reinstatedAt: expect.any(String) });
    expect(await menu()).toContain(serviceCode);
    const orderId = await fx.place({ serviceCode, stationId: 'meisha-centre', urgency: 'urgent' });
    const order = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() });
    expect(order.body.serviceCode).toBe(serviceCode);

    const event = await fx.probe.waitForEvent((candidate) => candidate.type === MenuServiceReinstatedV1.type && candidate.subject === menuServiceStreamId(serviceCode));
    expect(event.data).toEqual({ serviceCode, version: 3, category: 'elderly-care', reinstatedBy: 'admin-1', reinstatedAt: reinstated.body.reinstatedAt });

    // Again: nothing changes, nothing is published. Then retired again, it is version 4.
    const again = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`, { token: admin });
    expect(again.body.reinstatedAt).toBe(reinstated.body.reinstatedAt);
    const retiredAgain = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: admin });
    expect(retiredAgain.body.retiredAt).not.toBe(undefined);
    await fx.probe.waitForEvent((candidate) => candidate.type === MenuServiceRetiredV1.type && candidate.subject === menuServiceStreamId(serviceCode) && (candidate.data as { version: number }).version === 4);
    expect(changesOf(serviceCode)).toEqual([
      [MenuServiceAddedV1.type, 1],
      [MenuServiceRetiredV1.type, 2],
      [MenuServiceReinstatedV1.type, 3],
      [MenuServiceRetiredV1.type, 4],
    ]);
    expect(await menu()).not.toContain(serviceCode);
  });

  it('reinstating a service on the menu changes nothing; an unknown code is 404 and a malformed one 400', async () => {
    const admin = await people.admin();
    const serviceCode = code();
    await fx.orders.http('POST', '/v1/catalogue', { token: admin, body: service(serviceCode) });
    const untouched = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`, { token: admin });
    expect(untouched.status).toBe(200);
    expect(untouched.body).toEqual({ code: serviceCode, reinstatedAt: null });
    // Its stream holds its addition only.
    expect(await fx.database.collection('events').countDocuments({ streamId: menuServiceStreamId(serviceCode) })).toBe(1);
    expect((await fx.orders.http('POST', '/v1/catalogue/no-such-service/reinstate', { token: admin })).status).toBe(404);
    const malformed = await fx.orders.http('POST', '/v1/catalogue/Not%20A%20Code/reinstate', { token: admin });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('param.code');
  });

  it('a service retired before retirements were events (only its catalogue entry says so) can be reinstated', async () => {
    const admin = await people.admin();
    const serviceCode = code();
    await fx.orders.http('POST', '/v1/catalogue', { token: admin, body: service(serviceCode) });
    await fx.database.collection('catalogue').updateOne({ _id: serviceCode } as never, { $set: { retiredAt: new Date('2026-01-01T00:00:00Z') } });
    // Written behind the service's back: wait until its menu shows it (it may read the menu from memory).
    await waitFor(async () => !(await menu()).includes(serviceCode), { timeoutMs: 30_000, description: 'the entry retired behind the service’s back to leave the menu' });

    const retired = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/retire`, { token: admin });
    expect(retired.body.retiredAt).toBe('2026-01-01T00:00:00.000Z');
    const reinstated = await fx.orders.http('POST', `/v1/catalogue/${serviceCode}/reinstate`, { token: admin });
    expect(reinstated.body.reinstatedAt).toEqual(expect.any(String));
    expect(await menu()).toContain(serviceCode);
    await fx.probe.waitForEvent((event) => event.type === MenuServiceReinstatedV1.type && event.subject === menuServiceStreamId(serviceCode));
    expect(changesOf(serviceCode)).toEqual([
      [MenuServiceAddedV1.type, 1],
      [MenuServiceReinstatedV1.type, 2],
    ]);
  });
});
