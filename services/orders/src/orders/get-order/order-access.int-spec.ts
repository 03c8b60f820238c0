import { afterSchoolCare, familyMediation, OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { waitFor } from '@lantern/testing';

describe('who may see an order (invariant 7)', () => {
  let fx: OrdersFixture;
  let publicOrder: string;
  let confidentialOrder: string;

  beforeAll(async () => {
    fx = await startOrders();
    const token = await people.residentA();
    publicOrder = (await fx.orders.http('POST', '/v1/orders', { token, body: afterSchoolCare })).body.id;
    confidentialOrder = (await fx.orders.http('POST', '/v1/orders', { token, body: familyMediation })).body.id;
  });
  afterAll(() => fx.stop());

  it('the resident reads their own order with its timeline and details', async () => {
    const response = await fx.orders.http('GET', `/v1/orders/${confidentialOrder}`, { token: await people.residentA() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: confidentialOrder, details: familyMediation.details });
    // The timeline starts with the placement; matching (another suite's, on a shared broker) may already have added to it.
    expect(response.body.timeline[0]).toEqual(expect.objectContaining({ version: 1, type: 'lantern.order.placed-confidential.v1', status: 'PLACED', actor: 'res-a' }));
    expect(response.body.timeline).toHaveLength(response.body.version);
  });

  it("resident B cannot read resident A's order: 404, exactly like a missing one", async () => {
    const response = await fx.orders.http('GET', `/v1/orders/${publicOrder}`, { token: await people.residentB() });
    const missing = await fx.orders.http('GET', '/v1/orders/ord_does_not_exist', { token: await people.residentB() });
    expect(response.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(response.body.title).toBe(missing.body.title);
  });

  it("staff see their station's orders; a confidential order, unclaimed, only its supervisor — with the details", async () => {
    const worker = await fx.orders.http('GET', `/v1/orders/${publicOrder}`, { token: await people.socialWorkerLizhoujiao() });
    expect(worker.status).toBe(200);
    expect(worker.body.details).toBeUndefined();
    expect((await fx.orders.http('GET', `/v1/orders/${confidentialOrder}`, { token: await people.socialWorkerLizhoujiao() })).status).toBe(404);
    const supervisor = await fx.orders.http('GET', `/v1/orders/${confidentialOrder}`, { token: await people.supervisorLizhoujiao() });
    expect(supervisor.body.details).toBe(familyMediation.details);
    const otherStation = await fx.orders.http('GET', `/v1/orders/${confidentialOrder}`, { token: await people.socialWorkerMeisha() });
    expect(otherStation.status).toBe(404);
  });

  it('GET /v1/orders lists only what the caller may see, with cursor pagination', async () => {
    const tokenA = await people.residentA();
    const mine = await waitFor(async () => {
      const page = await fx.orders.http('GET', '/v1/orders', { token: tokenA });
      return page.body.items.length >= 2 ? page : undefined;
    }, { description: 'the order list projection' });
    expect(mine.body.items.every((item: { residentId: string }) => item.residentId === 'res-a')).toBe(true);

    const first = await fx.orders.http('GET', '/v1/orders?limit=1', { token: tokenA });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await fx.orders.http('GET', `/v1/orders?limit=1&cursor=${first.body.nextCursor}`, { token: tokenA });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    expect((await fx.orders.http('GET', '/v1/orders', { token: await people.residentB() })).body.items).toEqual([]);
    const stranger = await fx.orders.http('GET', '/v1/orders?stationId=lizhoujiao-centre', { token: await people.socialWorkerMeisha() });
    expect(stranger.status).toBe(403);
    const station = await fx.orders.http('GET', '/v1/orders?stationId=lizhoujiao-centre', { token: await people.socialWorkerLizhoujiao() });
    expect(station.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([publicOrder]));
    expect(station.body.items.map((item: { id: string }) => item.id)).not.toContain(confidentialOrder);
    const supervised = await fx.orders.http('GET', '/v1/orders?stationId=lizhoujiao-centre', { token: await people.supervisorLizhoujiao() });
    expect(supervised.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([publicOrder, confidentialOrder]));
  });

  it('bad query parameters and a forged cursor are 400 naming the field', async () => {
    const token = await people.residentA();
    const limit = await fx.orders.http('GET', '/v1/orders?limit=1000', { token });
    expect(limit.status).toBe(400);
    expect(limit.body.errors[0].field).toBe('query.limit');
    const cursor = await fx.orders.http('GET', '/v1/orders?cursor=bm9wZQ', { token });
    expect(cursor.status).toBe(400);
    expect(cursor.body.errors[0].field).toBe('query.cursor');
  });
});
