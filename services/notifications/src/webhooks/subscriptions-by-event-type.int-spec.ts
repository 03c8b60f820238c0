import { OrderPlacedV1 } from '@lantern/contracts';
import { countInDayBuckets, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { logCommands } from '../../test/command-log';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { startReceiver } from '../../test/webhook-receiver';
import { WEBHOOK_DELIVERIES } from './webhook-delivery.model';

const TTL_MS = 2000;

describe('webhook subscriptions by event type, kept in memory', () => {
  let fx: NotificationsFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    fx = await startNotifications({ WEBHOOK_SUBSCRIPTIONS_TTL_MS: String(TTL_MS) });
    receiver = await startReceiver(() => 204);
  });
  afterAll(async () => {
    await fx.stop();
    await receiver.stop();
  });

  /** Publishes an order placement and waits until the service has handled it (its resident's message). */
  async function handled() {
    const placed = orderPlaced(uniqueName('ord'), uniqueName('res'));
    const publishedAt = Date.now();
    await fx.publish(placed);
    await fx.waitForMessage(placed.data.residentId, placed.id);
    return { id: placed.id, publishedAt };
  }

  const arrivedAt = (target: Awaited<ReturnType<typeof startReceiver>>, eventId: string) =>
    target.received.some((request) => JSON.parse(request.body).id === eventId);

  it('a subscription another replica created gets every event published once the TTL has passed, and the subscriptions are read once per TTL, not per event', async () => {
    await handled(); // the subscriptions have been read and are trusted from now on
    const commands = logCommands(fx.service.app);

    // Another replica's write: straight into the database, this replica is not told.
    const createdAt = Date.now();
    await fx.database.collection('webhook_subscriptions').insertOne({
      _id: `whs_${uniqueName('elsewhere')}` as never,
      ownerId: uniqueName('integrator'),
      url: receiver.url,
      secret: 'whsec_elsewhere_0123456789',
      eventTypes: [OrderPlacedV1.type],
      status: 'active',
      createdAt: new Date(),
      disabledAt: null,
    });

    // A burst of events at once...
    const burst = Array.from({ length: 10 }, () => orderPlaced(uniqueName('ord'), uniqueName('res')));
    const ours: { id: string; publishedAt: number }[] = burst.map((event) => ({ id: event.id, publishedAt: Date.now() }));
    await fx.publish(...burst);
    for (const event of burst) await fx.waitForMessage(event.data.residentId, event.id);
    // ...then events one after another, until one was published a whole TTL after the subscription appeared.
    await waitFor(
      async () => {
        const event = await handled();
        ours.push(event);
        return event.publishedAt >= createdAt + TTL_MS ? true : undefined;
      },
      { timeoutMs: TTL_MS * 30, intervalMs: 1, description: 'an event published a TTL after the subscription was created' },
    );
    const due = ours.filter((event) => event.publishedAt >= createdAt + TTL_MS);
    await waitFor(() => due.every((event) => arrivedAt(receiver, event.id)), { description: 'every event published after the TTL at the receiver' });
    commands.stop();

    // However many events were handled: a read of them all per TTL that passed, at most (each
    // attempt reads its own subscription by _id: not counted here).
    const reads = commands.on('webhook_subscriptions', undefined).filter((command) => command === 'find').length;
    expect(reads).toBeLessThanOrEqual(Math.ceil((Date.now() - createdAt) / TTL_MS) + 1);
    expect(reads).toBeLessThan(ours.length);
  });

  it('a subscription created or deleted through this replica takes effect for the next event', async () => {
    const own = await startReceiver(() => 204);
    try {
      const token = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
      await handled(); // the subscriptions have been read and are trusted from now on
      const created = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: own.url, eventTypes: [OrderPlacedV1.type] } });
      expect(created.status).toBe(201);
      const next = await handled();
      await waitFor(() => arrivedAt(own, next.id), { description: 'the next event at the new subscription' });

      expect((await fx.service.http('DELETE', `/v1/webhooks/${created.body.id}`, { token })).status).toBe(204);
      const afterDelete = await handled();
      const queued = await countInDayBuckets(fx.database, WEBHOOK_DELIVERIES, { subscriptionId: created.body.id, 'event.id': afterDelete.id });
      expect(queued).toBe(0);
    } finally {
      await own.stop();
    }
  });
});
