import { OrderClosedV1, OrderCompletedV1 } from '@lantern/contracts';
import { DeadlinePoller } from '@lantern/deadlines';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrderRepository } from '../order.repository';
import { OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { feedbackDeadlineId } from '../feedback-deadline';

describe('no feedback by the feedback deadline closes the order by itself', () => {
  let fx: OrdersFixture;
  // Every clock runs 50× faster: this service's one-minute feedback window (normal urgency) lasts
  // 1.2 s; the urgent one, ten minutes, lasts 12 s — time enough to rate.
  const scale = 0.02;
  const serviceCode = `quick-feedback-${randomUUID().slice(0, 8)}`;
  const order = { serviceCode, stationId: 'lizhoujiao-centre' };

  beforeAll(async () => {
    fx = await startOrders({ ORDERS_SLA_SCALE: String(scale) });
    const clocks = { claim: 60, fulfil: 600, feedback: 1 };
    const urgentClocks = { claim: 60, fulfil: 600, feedback: 10 };
    const added = await fx.orders.http('POST', '/v1/catalogue', {
      token: await people.admin(),
      body: { code: serviceCode, kind: 'regular', category: 'community', name: { 'zh-CN': '快速回访', en: 'Quick follow-up' }, targetGroups: ['elderly'], privacy: 'public', sla: { normal: clocks, urgent: urgentClocks } },
    });
    expect(added.status).toBe(201);
  });
  afterAll(() => fx.stop());

  it('completed and never rated: closed with closedBecause feedback_deadline_passed, once; a late rating is 409', async () => {
    const orderId = await fx.fulfilled(order);
    const completed = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderCompletedV1.type);
    const { feedbackDeadline, completedAt } = completed.data as { feedbackDeadline: string; completedAt: string };
    expect(new Date(feedbackDeadline).getTime() - new Date(completedAt).getTime()).toBe(60_000 * scale);

    const closed = await fx.waitForOrder(orderId, await people.residentA(), (candidate) => candidate.status === 'CLOSED', 'the automatic close');
    expect(closed).toMatchObject({ closedBecause: 'feedback_deadline_passed', rating: null });
    const event = await fx.probe.waitForEvent((candidate) => candidate.subject === orderId && candidate.type === OrderClosedV1.type);
    expect(event.data).toMatchObject({ orderId, closedBecause: 'feedback_deadline_passed' });
    expect(new Date((event.data as { closedAt: string }).closedAt).getTime()).toBeGreaterThanOrEqual(new Date(feedbackDeadline).getTime());
    // The poller marks the clock done just after its effect.
    await waitFor(async () => (await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never)) === null, { description: 'the clock to be done' });
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderClosedV1.type)).toHaveLength(1);

    const late = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 5 } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentStatus: 'CLOSED', action: 'rate' });
  });

  it('rated in time: the clock is cancelled, and the order is closed once, because it was rated', async () => {
    const orderId = await fx.fulfilled({ ...order, urgency: 'urgent' });
    const clock = await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
    expect(clock).toMatchObject({ kind: 'order-feedback', aggregateId: orderId, payload: { expectedVersion: expect.any(Number) } });
    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 3 } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'CLOSED', closedBecause: 'rated' });
    expect(await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never)).toBeNull();

    // Even if the clock fires anyway (cancelled too late, another replica), it finds the stream moved on.
    await fx.database.collection('deadlines').insertOne({ ...clock, dueAt: new Date() } as never);
    // Written behind the service's back: it learns of it as on a rebalance, by reloading.
    await fx.orders.app.get(DeadlinePoller).reload();
    await waitFor(async () => (await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never)) === null, { description: 'the late clock to fire' });
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderClosedV1.type)).toHaveLength(1);
    const after = await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() });
    expect(after.body).toMatchObject({ status: 'CLOSED', closedBecause: 'rated', rating: 3 });
  });

  it('a process that died between the completion and its clock: the consumed completion starts the clock, and the order closes', async () => {
    const orderId = await fx.routedToCommittee(order);
    const started = await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await people.committeeLizhoujiao() });
    expect(started.status).toBe(200);
    // The completion as the handler appends it, but with no clock set: the process "died" here.
    const repository = fx.orders.app.get(OrderRepository);
    const { state, version } = await repository.load(orderId);
    const now = new Date();
    const feedbackDeadline = new Date(now.getTime() + 60_000 * scale);
    await repository.appendAt(orderId, version, [
      {
        type: OrderCompletedV1.type,
        data: {
          orderId,
          completedBy: 'committee-member',
          fulfiller: state.fulfiller,
          outcome: 'done',
          participants: [],
          residentId: state.residentId,
          stationId: state.stationId,
          serviceCode: state.serviceCode,
          fundedBy: null,
          feedbackDeadline: feedbackDeadline.toISOString(),
          completedAt: now.toISOString(),
        },
      },
    ]);

    const closed = await fx.waitForOrder(orderId, await people.residentA(), (candidate) => candidate.status === 'CLOSED', 'the automatic close');
    expect(closed).toMatchObject({ closedBecause: 'feedback_deadline_passed' });
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderClosedV1.type)).toHaveLength(1);
  });
});
