import { OrderFulfilDueSoonV1, OrderFulfilOverdueV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { OrdersFixture, people, startTwoOrders } from '../../../test/orders-fixture';

/**
 * The fulfil leg has a clock: a warning before it runs out, the supervisors when it does —
 * each once per routing, with two replicas of the service watching the same clocks.
 */
describe('the fulfil SLA, watched by two replicas', () => {
  // After-school care must be fulfilled within 7 days; scaled so the leg lasts about 5 s.
  const env = { ORDERS_SLA_SCALE: '0.0000083' };
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startTwoOrders(env);
  });
  afterAll(() => fx.stop());

  const alertsOf = async (orderId: string, type: string) => new Set(fx.probe.events(type).filter((event) => event.subject === orderId).map((event) => event.id)).size;

  it('routed and started but not fulfilled in time: warned once, then escalated to the supervisor once; the stream says so', async () => {
    const orderId = await fx.routedToCommittee();
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await people.committeeLizhoujiao() })).status).toBe(200);
    const overdue = await fx.probe.waitForEvent((event) => event.type === OrderFulfilOverdueV1.type && event.subject === orderId, 20_000);
    expect(overdue.data).toMatchObject({ fulfiller: { type: 'committee', id: 'lizhoujiao' }, stationId: 'lizhoujiao-centre', claimedBy: 'sw-liz' });
    // Both clocks are done on both replicas' database: nothing else can fire for this routing.
    await waitFor(async () => (await fx.database.collection('deadlines').countDocuments({ aggregateId: orderId })) === 0, { description: 'the fulfil clocks done' });
    const types = await fx.streamTypes(orderId);
    expect(types.filter((type) => type === OrderFulfilDueSoonV1.type)).toHaveLength(1);
    expect(types.filter((type) => type === OrderFulfilOverdueV1.type)).toHaveLength(1);
    expect(types.indexOf(OrderFulfilDueSoonV1.type)).toBeLessThan(types.indexOf(OrderFulfilOverdueV1.type));
    expect(await alertsOf(orderId, OrderFulfilDueSoonV1.type)).toBe(1);
    expect(await alertsOf(orderId, OrderFulfilOverdueV1.type)).toBe(1);
    // Still in progress: the alert changes no status, and the fulfiller can finish late.
    const done = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token: await people.committeeLizhoujiao(), body: { outcome: 'done', participants: [] } });
    expect(done.body.status).toBe('FULFILLED');
  });

  it('fulfilled in time: no alert', async () => {
    const orderId = await fx.fulfilled();
    const routedAt = Date.now();
    // Past where the overdue alert would have fired for it.
    await waitFor(async () => (await fx.database.collection('deadlines').countDocuments({ aggregateId: orderId, kind: 'order-fulfil-sla' })) === 0 && Date.now() - routedAt > 6_500, {
      timeoutMs: 20_000,
      description: 'the clocks to pass',
    });
    const types = await fx.streamTypes(orderId);
    expect(types.filter((type) => type === OrderFulfilDueSoonV1.type || type === OrderFulfilOverdueV1.type)).toEqual([]);
  });
});
