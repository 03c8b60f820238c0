import { OrderClosedV1, OrderCompletedV1, TOPICS } from '@lantern/contracts';
import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { FeedbackClock } from '../feedback-clock';
import { feedbackDeadlineId } from '../feedback-deadline';

describe('the feedback clock set from the consumed completion is idempotent', () => {
  let fx: OrdersFixture;
  const serviceCode = `quick-feedback-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // Urgent orders of this service give ten minutes for feedback; 50× faster, 12 s: time to rate.
    fx = await startOrders({ ORDERS_SLA_SCALE: '0.02' });
    const clocks = { claim: 60, fulfil: 600, feedback: 10 };
    const added = await fx.orders.http('POST', '/v1/catalogue', {
      token: await people.admin(),
      body: { code: serviceCode, kind: 'regular', category: 'community', name: { 'zh-CN': '快速回访', en: 'Quick follow-up' }, targetGroups: ['elderly'], privacy: 'public', sla: { normal: clocks, urgent: clocks } },
    });
    expect(added.status).toBe(201);
  });
  afterAll(() => fx.stop());

  it('a completion consumed again after the rating sets no feedback clock (the texts\' clock stays as it is), and neither does starting it from the event by hand', async () => {
    const orderId = await fx.fulfilled({ serviceCode, stationId: 'lizhoujiao-centre', urgency: 'urgent' });
    const completed = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderCompletedV1.type);
    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 4 } });
    expect(rated.status).toBe(200);
    const clock = () => fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
    // The rating turned the feedback clock into the expiry of the order's texts.
    const textsClock = await clock();
    expect(textsClock).toMatchObject({ kind: 'order-texts-expiry' });

    await fx.redeliver(TOPICS.orders, completed);
    await fx.handled(completed);
    expect(await clock()).toEqual(textsClock);
    // The same decision without the list's help (a view at the completion's version skips it):
    // the stream has moved past the completion.
    const { feedbackDeadline, version } = completed.data as { feedbackDeadline: string; version: number };
    await fx.orders.app.get(FeedbackClock).startIfStillAwaitingFeedback(orderId, new Date(feedbackDeadline), version);
    expect(await clock()).toEqual(textsClock);
    expect((await fx.streamTypes(orderId)).filter((type) => type === OrderClosedV1.type)).toHaveLength(1);
  });

  it('a completion whose clock is already set leaves it as it is: the first due time stands', async () => {
    const orderId = await fx.fulfilled({ serviceCode, stationId: 'lizhoujiao-centre', urgency: 'urgent' });
    const completed = await fx.probe.waitForEvent((event) => event.subject === orderId && event.type === OrderCompletedV1.type);
    const set = await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never);
    expect(set).toMatchObject({ payload: { expectedVersion: (completed.data as { version: number }).version } });

    const { version } = completed.data as { version: number };
    await fx.orders.app.get(FeedbackClock).startIfStillAwaitingFeedback(orderId, new Date(Date.now() + 3_600_000), version);
    expect(await fx.database.collection('deadlines').findOne({ _id: feedbackDeadlineId(orderId) } as never)).toEqual(set);
  });
});
