import { PRIVACY_ANSWERS, PrivacyRequestedV1 } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { newRequestKeyPair, openFromRequest } from '@lantern/privacy';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { afterSchoolCare, OrdersFixture, people, startOrders } from '../../../test/orders-fixture';
import { orderCancelled } from '../cancel-order/order-cancelled.event';
import { feedbackDeadlineId } from '../feedback-deadline';
import { OrderRepository } from '../order.repository';
import { ORDER_TEXTS_EXPIRY } from '../texts-clock';

const HOUR_MS = 60 * 60 * 1000;

type OrderBody = { status: string; rating: number | null; details?: string; comment?: string; timeline: { status: string; at: string }[]; textsRetention?: { expiresAt: string | null; expired: boolean } };

/**
 * An order's details and feedback comment are kept ORDER_DETAILS_RETENTION_MS (here one hour)
 * after the order ended, then deleted by `_id`; the order itself stays readable. The test does not
 * wait an hour: it checks that the clock is set for the end + the window, then brings that clock
 * forward through the Deadlines API the service uses — the same firing as when its time comes —
 * and checks that an order whose window has not passed keeps its texts.
 */
describe('orders: details and feedback comments expire a window after the order ended', () => {
  let fx: OrdersFixture;
  const marker = randomUUID().slice(0, 8);
  const details = `Two children, pick-up 16:30, 2 Lizhoujiao Road (${marker})`;
  const comment = `Kind volunteer, call me on 13800000000 (${marker})`;

  beforeAll(async () => {
    fx = await startOrders({ ORDER_DETAILS_RETENTION_MS: String(HOUR_MS) });
  });
  afterAll(() => fx?.stop());

  const get = async (orderId: string) => (await fx.orders.http('GET', `/v1/orders/${orderId}`, { token: await people.residentA() })).body as OrderBody;
  const endOf = (order: OrderBody) => Date.parse(order.timeline.find((entry) => entry.status === order.status)!.at);
  const stored = async (orderId: string) => ({
    details: await fx.database.collection('order_details').findOne({ _id: orderId as never }),
    feedback: await fx.database.collection('order_feedback').findOne({ _id: orderId as never }),
  });
  const rated = async () => {
    const orderId = await fx.fulfilled({ ...afterSchoolCare, details });
    const answer = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 4, comment } });
    expect(answer.status).toBe(200);
    return orderId;
  };
  /** The window is over for this order: its clock is brought forward to now. */
  const windowOver = async (orderId: string) => {
    const deadlines = fx.orders.app.get(Deadlines);
    const clock = (await deadlines.find(feedbackDeadlineId(orderId)))!;
    await deadlines.reset({ id: clock._id, kind: clock.kind, aggregateId: orderId, dueAt: new Date(), payload: clock.payload });
    await waitFor(async () => (await get(orderId)).textsRetention?.expired === true, { timeoutMs: 30_000, description: `the texts of ${orderId} expired` });
  };

  it('a rated order: its feedback clock becomes the texts\' clock, due an hour after the close; inside the window the texts stay, after it they are gone and the order still answers, saying so', async () => {
    const [expiring, kept] = [await rated(), await rated()];
    const order = await get(expiring);
    expect(order).toMatchObject({ status: 'CLOSED', details, comment, textsRetention: { expired: false } });
    const expiresAt = endOf(order) + HOUR_MS;
    expect(Date.parse(order.textsRetention!.expiresAt!)).toBe(expiresAt);
    const clock = await fx.orders.app.get(Deadlines).find(feedbackDeadlineId(expiring));
    expect(clock).toMatchObject({ kind: ORDER_TEXTS_EXPIRY, aggregateId: expiring });
    expect(clock!.dueAt.getTime()).toBe(expiresAt);
    expect(await stored(expiring)).toMatchObject({ details: { details: expect.any(String) }, feedback: { comment: expect.any(String) } });

    await windowOver(expiring);
    const after = await get(expiring);
    expect(after).toMatchObject({ status: 'CLOSED', rating: 4, timeline: order.timeline, textsRetention: { expired: true } });
    expect(after).not.toHaveProperty('details');
    expect(after).not.toHaveProperty('comment');
    // In the database: the details gave way to the time they expired; the comment is gone.
    const gone = await stored(expiring);
    expect(gone.feedback).toBeNull();
    expect(gone.details).not.toHaveProperty('details');
    expect(gone.details!.expiredAt.toISOString()).toBe(after.textsRetention!.expiresAt);
    await waitFor(async () => (await fx.orders.app.get(Deadlines).find(feedbackDeadlineId(expiring))) === null, { timeoutMs: 10_000, description: 'the clock done' });

    // The other order's window has not passed: its texts and its clock stay.
    expect(await get(kept)).toMatchObject({ details, comment, textsRetention: { expired: false } });
    expect(await fx.orders.app.get(Deadlines).find(feedbackDeadlineId(kept))).toMatchObject({ kind: ORDER_TEXTS_EXPIRY });

    // A privacy export does not trip over the missing texts: the order is there, saying they expired.
    const requestKey = newRequestKeyPair();
    const requestId = `prq_${randomUUID().replace(/-/g, '')}`;
    await fx.publish(PrivacyRequestedV1, requestId, { requestId, version: 1, kind: 'export', subjectId: 'res-a', requestedBy: 'admin-1', exportKey: requestKey.publicKey, requestedAt: new Date().toISOString() });
    const answer = await fx.probe.waitForEvent((event) => event.type === PRIVACY_ANSWERS.orders.exported.type && (event.data as { requestId: string }).requestId === requestId, 30_000);
    const exported = (openFromRequest(requestKey.privateKey, (answer.data as { part: string }).part) as { orders: (OrderBody & { id: string })[] }).orders;
    const byId = new Map(exported.map((entry) => [entry.id, entry]));
    expect(byId.get(expiring)).toMatchObject({ status: 'CLOSED', textsRetention: { expired: true } });
    expect(byId.get(expiring)).not.toHaveProperty('details');
    expect(byId.get(kept)).toMatchObject({ details, comment, textsRetention: { expired: false } });
  });

  it('a cancelled order: the cancellation sets the texts\' clock, due an hour after it; when it fires the details are gone and the order still answers', async () => {
    const orderId = await fx.place({ ...afterSchoolCare, details });
    const cancelled = await fx.orders.http('POST', `/v1/orders/${orderId}/cancel`, { token: await people.residentA(), body: { reason: 'no_longer_needed' } });
    expect(cancelled.status).toBe(200);
    const order = await get(orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', details, textsRetention: { expired: false } });
    const clock = await fx.orders.app.get(Deadlines).find(feedbackDeadlineId(orderId));
    expect(clock).toMatchObject({ kind: ORDER_TEXTS_EXPIRY });
    expect(clock!.dueAt.getTime()).toBe(endOf(order) + HOUR_MS);

    await windowOver(orderId);
    expect(await get(orderId)).toMatchObject({ status: 'CANCELLED', timeline: order.timeline });
    expect(await get(orderId)).not.toHaveProperty('details');
    expect((await stored(orderId)).details).not.toHaveProperty('details');
  });

  it('a process that died between the cancellation and its clock: the consumed cancellation sets the clock, due an hour after the recorded end', async () => {
    const orderId = await fx.place({ ...afterSchoolCare, details });
    // The cancellation as the handler appends it, but with no clock set: the process "died" here.
    const repository = fx.orders.app.get(OrderRepository);
    const { state, version } = await repository.load(orderId);
    await repository.appendAt(orderId, version, [orderCancelled(state, 'res-a', 'no_longer_needed')]);
    const clock = await waitFor(
      async () => {
        const set = await fx.orders.app.get(Deadlines).find(feedbackDeadlineId(orderId));
        return set?.kind === ORDER_TEXTS_EXPIRY ? set : undefined;
      },
      { timeoutMs: 20_000, description: 'the texts\' clock set from the consumed cancellation' },
    );
    const order = await get(orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', details, textsRetention: { expired: false } });
    expect(clock.dueAt.getTime()).toBe(endOf(order) + HOUR_MS);
  });
});
