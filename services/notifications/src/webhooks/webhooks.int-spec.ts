import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotificationDeliveredV1, NotificationFailedV1, OrderPlacedV1, WebhookSubscriptionDisabledV1 } from '@lantern/contracts';
import { dayBucket } from '@lantern/event-store';
import { countInDayBuckets, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { logCommands } from '../../test/command-log';
import { startReceiver } from '../../test/webhook-receiver';
import { deliveryId, deliveryKey } from '../delivery-outcomes/delivery-id';
import { inboxMessageId } from '../inbox/inbox.repository';
import { webhookRecipient } from './fan-out-webhooks.handler';
import { WEBHOOK_DELIVERIES } from './webhook-delivery.model';

/**
 * What an integrator does with a delivery, written from the documented scheme alone
 * (`X-Lantern-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`) and not with
 * the service's own signing code, so a signature over the wrong payload cannot verify here.
 */
function integratorAccepts(secret: string, timestamp: string, body: string, signature: string): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('webhooks for integrators', () => {
  let fx: NotificationsFixture;
  const receivers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(async () => {
    await fx.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  async function subscribe(url: string, eventTypes: string[], owner = uniqueName('integrator')) {
    const token = await tokenFor({ sub: owner, roles: ['integrator'] });
    const created = await fx.service.http('POST', '/v1/webhooks', { token, body: { url, eventTypes } });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    return { id: created.body.id as string, secret: created.body.secret as string, token, owner };
  }

  it('a receiver that answers 500 twice then 200 gets the delivery three times, each validly signed, and the log shows the attempts', async () => {
    const receiver = await startReceiver((index) => (index < 2 ? 500 : 200));
    receivers.push(receiver);
    const subscription = await subscribe(receiver.url, [OrderPlacedV1.type]);
    const placed = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(placed);

    await waitFor(() => receiver.received.length === 3, { description: 'three attempts at the receiver' });
    for (const request of receiver.received) {
      const { 'x-lantern-timestamp': timestamp, 'x-lantern-signature': signature } = request.headers as Record<string, string>;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(integratorAccepts(subscription.secret, timestamp, request.body, signature)).toBe(true);
      expect(integratorAccepts('not-the-secret-at-all', timestamp, request.body, signature)).toBe(false);
      expect(request.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
      expect(JSON.parse(request.body)).toMatchObject({ specversion: '1.0', id: placed.id, type: OrderPlacedV1.type, subject: placed.subject, data: placed.data });
    }
    // The backoff doubles: the second retry waits longer than the first.
    const [first, second, third] = receiver.received.map((request) => request.at);
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);

    const log = await waitFor(async () => {
      const page = await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries`, { token: subscription.token });
      return page.body.items?.[0]?.status === 'delivered' ? page.body : undefined;
    });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ eventId: placed.id, eventType: OrderPlacedV1.type });
    expect(log.items[0].attempts.map((attempt: { attempt: number; statusCode: number }) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    const delivered = await fx.probe.waitForEvent(
      (event) => event.type === NotificationDeliveredV1.type && (event.data as { recipientId: string }).recipientId === `webhook:${subscription.id}`,
    );
    expect(delivered.data).toMatchObject({ channel: 'webhook', causeEventId: placed.id });

    // Nobody else reads the log, and the secret is never shown again.
    const stranger = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
    expect((await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries`, { token: stranger })).status).toBe(404);
    const mine = await fx.service.http('GET', '/v1/webhooks', { token: subscription.token });
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(fx.probe.records)).not.toContain(subscription.secret);
  });

  it('a receiver that never answers is retried with backoff until the attempts run out; failing in a row disables the subscription and tells its owner', async () => {
    const receiver = await startReceiver(() => 'hang');
    receivers.push(receiver);
    const subscription = await subscribe(receiver.url, [OrderPlacedV1.type]);
    const events = [orderPlaced(uniqueName('ord'), uniqueName('res')), orderPlaced(uniqueName('ord'), uniqueName('res'))];
    await fx.publish(...events);

    const disabled = await fx.probe.waitForEvent(
      (event) => event.type === WebhookSubscriptionDisabledV1.type && (event.data as { subscriptionId: string }).subscriptionId === subscription.id,
      30_000,
    );
    expect(disabled.data).toMatchObject({ ownerId: subscription.owner, consecutiveFailures: 2 });
    // 4 attempts per event (WEBHOOK_MAX_ATTEMPTS), each timed out.
    expect(receiver.received).toHaveLength(8);
    const failed = fx.probe.events(NotificationFailedV1.type).filter((event) => (event.data as { recipientId: string }).recipientId === `webhook:${subscription.id}`);
    expect(failed.map((event) => (event.data as { reason: string; attempts: number }).reason)).toEqual(['timeout', 'timeout']);

    const log = await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries`, { token: subscription.token });
    for (const delivery of log.body.items) {
      expect(delivery.status).toBe('failed');
      expect(delivery.attempts.map((attempt: { error: string }) => attempt.error)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
      const starts = delivery.attempts.map((attempt: { at: string }) => Date.parse(attempt.at));
      // timeout (300 ms) + backoff 100, 200, 400 ms between the starts of consecutive attempts
      expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(400);
      expect(starts[3] - starts[2]).toBeGreaterThanOrEqual(700);
    }
    const mine = await fx.service.http('GET', '/v1/webhooks', { token: subscription.token });
    expect(mine.body[0]).toMatchObject({ id: subscription.id, status: 'disabled' });
    const told = await waitFor(async () => (await fx.inbox(subscription.owner)).items.find((item) => item.causeEventType === WebhookSubscriptionDisabledV1.type));
    expect(told.body).toContain(subscription.id);

    // A later event is not sent to a disabled subscription.
    await fx.publish(orderPlaced(uniqueName('ord'), uniqueName('res')));
    const sentinel = orderPlaced(uniqueName('ord'), 'sentinel-' + uniqueName('res'));
    await fx.publish(sentinel);
    await fx.waitForMessage(sentinel.data.residentId, sentinel.id);
    expect(receiver.received).toHaveLength(8);
  });

  it('the same event delivered three times makes one inbox message and one webhook delivery', async () => {
    const receiver = await startReceiver(() => 204);
    receivers.push(receiver);
    const subscription = await subscribe(receiver.url, [OrderPlacedV1.type]);
    const resident = uniqueName('res');
    const placed = orderPlaced(uniqueName('ord'), resident);
    await fx.publish(placed, placed, placed);
    // Another event about the same order: on the same partition, so handled after the redeliveries.
    const later = orderPlaced(placed.subject, resident);
    await fx.publish(later);

    await fx.waitForMessage(resident, later.id);
    await waitFor(() => receiver.received.some((request) => JSON.parse(request.body).id === later.id), { description: 'the later event at the receiver' });
    expect((await fx.inbox(resident)).items.map((item) => item.id)).toEqual([later, placed].map((event) => inboxMessageId(event.id, resident)));
    expect(receiver.received.filter((request) => JSON.parse(request.body).id === placed.id)).toHaveLength(1);
    const log = await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries`, { token: subscription.token });
    expect(log.body.items.filter((delivery: { eventId: string }) => delivery.eventId === placed.id)).toHaveLength(1);
  });

  it('a disabled subscription re-enabled by its owner starts a new failure streak, resumes what was left pending, delivers again, and is announced again when disabled again', async () => {
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 200 : 500));
    receivers.push(receiver);
    const subscription = await subscribe(receiver.url, [OrderPlacedV1.type]);
    const disabledEvents = () =>
      fx.probe.events(WebhookSubscriptionDisabledV1.type).filter((event) => (event.data as { subscriptionId: string }).subscriptionId === subscription.id);
    const enable = async (token: string) => fx.service.http('POST', `/v1/webhooks/${subscription.id}/enable`, { token });
    const deliveryOf = async (eventId: string) =>
      (await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries?limit=100`, { token: subscription.token })).body.items.find(
        (delivery: { eventId: string }) => delivery.eventId === eventId,
      );
    const statusNow = async () => (await fx.service.http('GET', '/v1/webhooks', { token: subscription.token })).body[0].status;

    await fx.publish(orderPlaced(uniqueName('ord'), uniqueName('res')), orderPlaced(uniqueName('ord'), uniqueName('res')));
    await waitFor(() => disabledEvents().length === 1, { timeoutMs: 30_000, description: 'the subscription disabled' });

    // Only its owner (or an admin) may re-enable it; for other integrators it does not exist.
    expect((await enable(await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] }))).status).toBe(404);
    expect((await enable(await tokenFor({ sub: subscription.owner, roles: ['resident'] }))).status).toBe(403);
    expect((await enable(subscription.token)).status).toBe(200);
    const enabled = await fx.service.http('GET', '/v1/webhooks', { token: subscription.token });
    expect(enabled.body[0]).toMatchObject({ status: 'active', disabledAt: null, enabledAt: expect.any(String) });
    const twice = await enable(subscription.token);
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ status: 'active', enabledAt: enabled.body[0].enabledAt });

    // The receiver still fails: one failed delivery after re-enabling does not disable it again,
    // although with the two before it the last WEBHOOK_DISABLE_AFTER_FAILURES (2) all failed.
    const third = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(third);
    await waitFor(async () => (await deliveryOf(third.id))?.status === 'failed', { timeoutMs: 20_000, description: 'the third delivery failed' });
    expect(await statusNow()).toBe('active');

    // Fixed: the next event arrives.
    healthy = true;
    const fourth = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(fourth);
    await waitFor(() => receiver.received.some((request) => JSON.parse(request.body).id === fourth.id), { description: 'the fourth event at the receiver' });
    await waitFor(async () => (await deliveryOf(fourth.id))?.status === 'delivered', { description: 'the fourth delivery logged as delivered' });

    // Broken again: two failures in a row disable it again, and the owner is told again.
    healthy = false;
    await fx.publish(orderPlaced(uniqueName('ord'), uniqueName('res')), orderPlaced(uniqueName('ord'), uniqueName('res')));
    await waitFor(() => disabledEvents().length === 2, { timeoutMs: 30_000, description: 'the subscription disabled a second time' });
    expect(disabledEvents().map((event) => (event.data as { version: number }).version)).toEqual([1, 2]);
    expect(await statusNow()).toBe('disabled');

    // A delivery left pending when it was disabled (its attempt found the subscription
    // disabled), as another replica's in-flight retry would leave it; an admin re-enables.
    const stranded = orderPlaced(uniqueName('ord'), uniqueName('res'));
    const recipient = webhookRecipient(subscription.id);
    await fx.database.collection(dayBucket(WEBHOOK_DELIVERIES, new Date(stranded.time))).insertOne({
      _id: deliveryKey(stranded.id, recipient, 'webhook') as never,
      deliveryId: deliveryId(stranded.id, recipient, 'webhook'),
      subscriptionId: subscription.id,
      event: stranded,
      status: 'pending',
      attempts: [{ attempt: 1, at: new Date(), statusCode: 500, error: null, durationMs: 3 }],
      held: true,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // What that retry leaves besides: the delivery held at its attempt 2, for the enable to find.
    await fx.database.collection('webhook_held_deliveries').insertOne({
      _id: deliveryKey(stranded.id, recipient, 'webhook') as never,
      subscriptionId: subscription.id,
      attempt: 2,
      heldAt: new Date(),
      day: new Date(stranded.time),
    });
    healthy = true;
    expect((await enable(await tokenFor({ sub: uniqueName('admin'), roles: ['admin'] }))).body.status).toBe('active');
    const resumed = await waitFor(async () => {
      const delivery = await deliveryOf(stranded.id);
      return delivery?.status === 'delivered' ? delivery : undefined;
    }, { description: 'the stranded delivery resumed and delivered' });
    expect(resumed.attempts.map((attempt: { attempt: number; statusCode: number }) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    const fifth = orderPlaced(uniqueName('ord'), uniqueName('res'));
    await fx.publish(fifth);
    await waitFor(async () => (await deliveryOf(fifth.id))?.status === 'delivered', { description: 'a new event delivered after the second re-enable' });
  });

  it('paused by its owner, a subscription holds its events and sends them all when enabled again; once deleted, nothing more is queued or sent', async () => {
    const receiver = await startReceiver(() => 200);
    receivers.push(receiver);
    const subscription = await subscribe(receiver.url, [OrderPlacedV1.type]);
    const receivedIds = () => receiver.received.map((request) => JSON.parse(request.body).id as string);
    const log = async () => (await fx.service.http('GET', `/v1/webhooks/${subscription.id}/deliveries?limit=100`, { token: subscription.token })).body.items;
    /** Publishes events, then waits until the service has handled them all (their residents' inbox messages). */
    const publishAndSettle = async (count: number) => {
      const events = Array.from({ length: count }, () => orderPlaced(uniqueName('ord'), uniqueName('res')));
      await fx.publish(...events);
      for (const event of events) await fx.waitForMessage(event.data.residentId, event.id);
      return events;
    };

    const paused = await fx.service.http('POST', `/v1/webhooks/${subscription.id}/disable`, { token: subscription.token });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'disabled', disabledBecause: 'owner', disabledAt: expect.any(String) });
    expect((await fx.service.http('POST', `/v1/webhooks/${subscription.id}/disable`, { token: subscription.token })).body.disabledAt).toBe(paused.body.disabledAt);

    const held = await publishAndSettle(3);
    const heldIds = held.map((event) => event.id);
    // Queued, and each first attempt has fired (its deadline is gone) and found it paused: nothing sent.
    await waitFor(
      async () => {
        const pending = (await log()).filter((delivery: { eventId: string; status: string; attempts: unknown[] }) => heldIds.includes(delivery.eventId) && delivery.status === 'pending' && delivery.attempts.length === 0);
        const attemptsDue = await fx.database.collection('deadlines').countDocuments({ aggregateId: subscription.id });
        return pending.length === 3 && attemptsDue === 0 ? true : undefined;
      },
      { description: 'the held deliveries in the log, their first attempts fired' },
    );
    expect(receivedIds()).toEqual([]);

    // Other tests' events may be held too (shared topics): only this test's count.
    const heldDeliveries = fx.database.collection('webhook_held_deliveries');
    const ownHeld = { _id: { $in: heldIds.map((id) => deliveryKey(id, webhookRecipient(subscription.id), 'webhook')) } as never };
    expect(await heldDeliveries.countDocuments(ownHeld)).toBe(3);
    const commands = logCommands(fx.service.app);
    expect((await fx.service.http('POST', `/v1/webhooks/${subscription.id}/enable`, { token: subscription.token })).body).toMatchObject({ status: 'active', disabledBecause: null });
    commands.stop();
    // Enabling reads what the subscription holds, not the delivery log (the attempts it starts read their deliveries by _id).
    expect(commands.on(dayBucket(WEBHOOK_DELIVERIES, new Date(held[0].time)), undefined)).toEqual([]);
    await waitFor(() => heldIds.every((id) => receivedIds().includes(id)), { description: 'every held event at the receiver' });
    expect([...receivedIds()].sort()).toEqual([...heldIds].sort());
    await waitFor(async () => ((await heldDeliveries.countDocuments(ownHeld)) === 0 ? true : undefined), {
      description: 'the delivered ones no longer held',
    });

    const deleted = await fx.service.http('DELETE', `/v1/webhooks/${subscription.id}`, { token: subscription.token });
    expect(deleted.status).toBe(204);
    expect((await fx.service.http('GET', '/v1/webhooks', { token: subscription.token })).body).toEqual([]);
    for (const [method, path] of [['GET', `/v1/webhooks/${subscription.id}/deliveries`], ['POST', `/v1/webhooks/${subscription.id}/enable`], ['DELETE', `/v1/webhooks/${subscription.id}`]] as const) {
      expect((await fx.service.http(method, path, { token: subscription.token })).status).toBe(404);
    }
    const afterDelete = await publishAndSettle(1);
    const queued = await countInDayBuckets(fx.database, WEBHOOK_DELIVERIES, { subscriptionId: subscription.id, 'event.id': afterDelete[0].id });
    expect(queued).toBe(0);
    expect(receivedIds()).toHaveLength(3);
  });

  it('rejects unknown event types, non-http URLs and callers without the integrator role', async () => {
    const token = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
    const unknown = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: 'http://127.0.0.1:9/x', eventTypes: ['lantern.order.teleported.v1'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/problem\+json/);
    expect(unknown.body.errors[0].field).toBe('body.eventTypes');
    const ftp = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: 'ftp://127.0.0.1/x', eventTypes: [OrderPlacedV1.type] } });
    expect(ftp.status).toBe(400);
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    expect((await fx.service.http('POST', '/v1/webhooks', { token: resident, body: { url: 'http://127.0.0.1:9/x', eventTypes: [OrderPlacedV1.type] } })).status).toBe(403);
  });
});
