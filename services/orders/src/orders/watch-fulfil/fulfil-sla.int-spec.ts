import { MatchingClaimedV1, OrderCompletedV1, OrderFulfilDueSoonV1, OrderFulfilOverdueV1, OrderRoutedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { afterSchoolCare, OrdersFixture, people, startOrders, startTwoOrders } from '../../../test/orders-fixture';
import { Deadlines } from '@lantern/deadlines';
import { FeedbackClock } from '../feedback-clock';
import { FulfilClock } from '../fulfil-clock';

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

/**
 * The replica that routes (or completes) an order sets the clock after its append, and its own
 * consumer of the event waits for that command rather than setting the clock a second time. A
 * command that fails to set it must still leave the clock to the consumed event.
 */
describe('a clock its command failed to set, on the replica that ran the command', () => {
  let fx: OrdersFixture;

  beforeAll(async () => {
    fx = await startOrders({ ORDERS_SLA_SCALE: '0.0000083' });
  });
  afterAll(() => fx.stop());

  /** The command's clock write fails once its event is on Kafka (the consumer has it, and waits for the command). */
  const failOnce = async (type: string, orderId: string): Promise<never> => {
    await fx.probe.waitForEvent((event) => event.type === type && event.subject === orderId, 20_000);
    throw new Error('the process died before its clock');
  };
  const clocks = (orderId: string, kind: string) => fx.database.collection('deadlines').countDocuments({ aggregateId: orderId, kind });

  it('a routing whose clock write fails after its append: the consumed routed event, which waited for it, sets the fulfil clock', async () => {
    const orderId = await fx.place(afterSchoolCare);
    await fx.claim(orderId);
    const start = jest.spyOn(fx.orders.app.get(FulfilClock), 'start').mockImplementationOnce(() => failOnce(OrderRoutedV1.type, orderId));
    try {
      const routed = await fx.orders.http('POST', `/v1/orders/${orderId}/route`, { token: await people.socialWorkerLizhoujiao(), body: { fulfiller: { type: 'committee', id: 'lizhoujiao' } } });
      expect(routed.status).not.toBe(200);
      await waitFor(async () => (await clocks(orderId, 'order-fulfil-sla')) === 1, { timeoutMs: 20_000, description: 'the fulfil clock set from the consumed routed event' });
    } finally {
      start.mockRestore();
    }
  });

  it('a start that routes the order too (the committee as backstop) has set the fulfil clock when it answers', async () => {
    const orderId = await fx.place(afterSchoolCare);
    await fx.publish(MatchingClaimedV1, orderId, { orderId, version: 1, socialWorkerId: 'com-liz', stationId: 'lizhoujiao-centre', claimedAt: new Date().toISOString(), claimedAs: 'committee' });
    await fx.waitForOrder(orderId, await people.admin(), (order) => order.status === 'CLAIMED');
    const started = await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await people.committeeLizhoujiao() });
    expect(started.body).toMatchObject({ status: 'IN_PROGRESS', fulfiller: { type: 'committee', id: 'lizhoujiao' } });
    // Read at once: the handler's own clocks, not the consumed routed event's.
    expect(await clocks(orderId, 'order-fulfil-sla')).toBe(1);
  });

  it('a warning whose handler fails before it sets the deadline anew for the escalation: fired again, it warns no more and escalates once', async () => {
    const orderId = await fx.routedToCommittee();
    const deadlines = fx.orders.app.get(Deadlines);
    const original = deadlines.reset.bind(deadlines);
    let failed = false;
    const reset = jest.spyOn(deadlines, 'reset').mockImplementation(async (deadline) => {
      if (deadline.aggregateId !== orderId || failed) return original(deadline);
      failed = true;
      throw new Error('the process died after the warning');
    });
    try {
      await fx.probe.waitForEvent((event) => event.type === OrderFulfilOverdueV1.type && event.subject === orderId, 30_000);
      await waitFor(async () => (await clocks(orderId, 'order-fulfil-sla')) === 0, { description: 'the fulfil clock done' });
      expect(reset.mock.calls.filter(([deadline]) => deadline.aggregateId === orderId)).toHaveLength(2);
      const types = await fx.streamTypes(orderId);
      expect(types.filter((type) => type === OrderFulfilDueSoonV1.type)).toHaveLength(1);
      expect(types.filter((type) => type === OrderFulfilOverdueV1.type)).toHaveLength(1);
    } finally {
      reset.mockRestore();
    }
  });

  it('a completion whose clock write fails after its append: the consumed completion, which waited for it, sets the feedback clock', async () => {
    const orderId = await fx.routedToCommittee();
    const token = await people.committeeLizhoujiao();
    expect((await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token })).status).toBe(200);
    const start = jest.spyOn(fx.orders.app.get(FeedbackClock), 'start').mockImplementationOnce(() => failOnce(OrderCompletedV1.type, orderId));
    try {
      const completed = await fx.orders.http('POST', `/v1/orders/${orderId}/complete`, { token, body: { outcome: 'done', participants: [] } });
      expect(completed.status).not.toBe(200);
      await waitFor(async () => (await clocks(orderId, 'order-feedback')) === 1, { timeoutMs: 20_000, description: 'the feedback clock set from the consumed completion' });
    } finally {
      start.mockRestore();
    }
  });
});
