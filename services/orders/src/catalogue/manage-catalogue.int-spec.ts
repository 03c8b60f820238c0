import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';

describe('admins add services to the menu and retire them', () => {
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
});
