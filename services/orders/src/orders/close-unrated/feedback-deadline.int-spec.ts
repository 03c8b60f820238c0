import { OrderClosedV1, OrderCompletedV1 } from '@lantern/contracts';
import { DeadlinePoller } from '@lantern/deadlines';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrderRepository } from '../order.repository';
import { OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { feedbackDeadlineId } from '../feedback-deadline';
import { ORDER_TEXTS_EXPIRY } from '../texts-clock';

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
    // The clock that closed it is set anew as the expiry of the order's texts, counted from the close.
    const textsClock = await waitFor(
      async () => {
        const clock = await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
        return clock?.kind === ORDER_TEXTS_EXPIRY ? clock : undefined;
      },
      { description: 'the clock to become the texts\' clock' },
    );
    const closedAt = (closed.timeline as { status: string; at: string }[]).find((entry) => entry.status === 'CLOSED')!.at;
    expect(textsClock.dueAt.getTime()).toBe(Date.parse(closedAt) + 180 * 24 * 3_600_000);
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderClosedV1.type)).toHaveLength(1);

    const late = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 5 } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ currentStatus: 'CLOSED', action: 'rate' });
  });

  it('rated in time: the clock becomes the texts\' clock, and the order is closed once, because it was rated', async () => {
    const orderId = await fx.fulfilled({ ...order, urgency: 'urgent' });
    const clock = await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
    expect(clock).toMatchObject({ kind: 'order-feedback', aggregateId: orderId, payload: { expectedVersion: expect.any(Number) } });
    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 3 } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'CLOSED', closedBecause: 'rated' });
    const textsClock = await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
    expect(textsClock).toMatchObject({ kind: ORDER_TEXTS_EXPIRY, aggregateId: orderId });

    // Even if the feedback clock fires anyway (a rating that died before re-setting it), it finds
    // the stream moved on, closes nothing, and sets the texts' clock itself.
    await fx.database.collection('deadlines').replaceOne({ _id: feedbackDeadlineId(orderId) } as never, { ...clock, dueAt: new Date() });
    // Written behind the service's back: it learns of it as on a rebalance, by reloading.
    await fx.orders.app.get(DeadlinePoller).reload();
    await waitFor(async () => (await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never))?.kind === ORDER_TEXTS_EXPIRY, { description: 'the late clock to fire' });
    expect((await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never))!.dueAt).toEqual(textsClock!.dueAt);
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
