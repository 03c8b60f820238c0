import { OrderPlacedV1 } from '@lantern/contracts';
import { mintToken } from '@lantern/http';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { startReceiver } from '../../test/webhook-receiver';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Webhook URLs are the subscriber's choice, so they must not reach into Lantern's own network
 * (server-side request forgery). Every receiver here listens on 127.0.0.1, and no request, and
 * no connection, goes anywhere else: refusals happen before anything connects.
 */
describe('webhooks reach only publicly reachable addresses', () => {
  const receivers: Receiver[] = [];
  const receiver = async () => {
    const started = await startReceiver(() => 200);
    receivers.push(started);
    return started;
  };
  afterAll(() => Promise.all(receivers.map((started) => started.stop())));

  describe('by default (no allow-list)', () => {
    let fx: NotificationsFixture;
    let local: Receiver;

    beforeAll(async () => {
      fx = await startNotifications({ WEBHOOK_ALLOWED_PRIVATE_CIDRS: '' });
      local = await receiver();
    });
    afterAll(() => fx.stop());

    it.each([
      ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
      ['loopback', () => `http://127.0.0.1:${local.port}/hooks/lantern`],
      ['a name that resolves to loopback', () => `http://localhost:${local.port}/hooks/lantern`],
      ['a private address', () => 'http://10.0.0.1/hooks'],
      ['IPv6 loopback', () => `http://[::1]:${local.port}/hooks`],
      ['the unspecified address', () => `http://0.0.0.0:${local.port}/hooks`],
      ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${local.port}/hooks`],
      ['IPv6 link-local', () => 'http://[fe80::1]/hooks'],
      ['multicast', () => 'http://224.0.0.1/hooks'],
      ['a private address over https', () => 'https://192.168.1.10/hooks'],
    ])('refuses a subscription to %s: 422 naming body.url, and nothing is stored', async (_label, url) => {
      const owner = uniqueName('integrator');
      const token = await tokenFor({ sub: owner, roles: ['integrator'] });
      const refused = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: url(), eventTypes: [OrderPlacedV1.type] } });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field: 'body.url', message: expect.stringContaining('publicly reachable') }]);
      expect((await fx.service.http('GET', '/v1/webhooks', { token })).body).toEqual([]);
      expect(local.connections()).toBe(0);
    });
  });

  it('checks again before every delivery: a subscription accepted earlier whose address is refused now gets no request, not even a connection', async () => {
    const local = await receiver();
    // Accepted while 127.0.0.1 was allowed (as a name that resolved to a public address would be, before it was rebound).
    const before = await startNotifications({ WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32' });
    const owner = uniqueName('integrator');
    const token = await tokenFor({ sub: owner, roles: ['integrator'] });
    const created = await before.service.http('POST', '/v1/webhooks', { token, body: { url: local.url, eventTypes: [OrderPlacedV1.type] } });
    expect(created.status).toBe(201);
    await before.service.stop();

    // The same subscriptions, served by a replica where 127.0.0.1 is refused.
    const after = await startNotifications({ WEBHOOK_ALLOWED_PRIVATE_CIDRS: '' }, { database: before.service.database });
    try {
      const placed = orderPlaced(uniqueName('ord'), uniqueName('res'));
      await after.publish(placed);
      const failed = await waitFor(
        async () => {
          const log = await after.service.http('GET', `/v1/webhooks/${created.body.id}/deliveries`, { token });
          const delivery = log.body.items?.find((item: { eventId: string }) => item.eventId === placed.id);
          return delivery?.status === 'failed' ? delivery : undefined;
        },
        { timeoutMs: 20_000, description: 'the delivery failed, every attempt refused' },
      );
      expect(failed.attempts.map((attempt: { error: string; statusCode: number | null }) => [attempt.error, attempt.statusCode])).toEqual(
        Array(4).fill(['forbidden_address', null]),
      );
      expect(local.received).toEqual([]);
      expect(local.connections()).toBe(0);
    } finally {
      await after.stop();
      // Its service is stopped already; this closes its probe, publisher and database handle.
      await before.stop();
    }
  });

  it('in production, only https URLs are accepted', async () => {
    const secret = `production-secret-${'x'.repeat(32)}`;
    const fx = await startNotifications({
      NODE_ENV: 'production',
      LANTERN_JWT_SECRET: secret,
      // Production refuses the development pseudonym key as it refuses the development secret.
      LANTERN_PSEUDONYM_KEY: `production-pseudonym-key-${'y'.repeat(32)}`,
      LANTERN_PERSONAL_DATA_KEY: `production-personal-data-key-${'z'.repeat(32)}`,
      WEBHOOK_ALLOWED_PRIVATE_CIDRS: '127.0.0.1/32',
    });
    try {
      const token = await mintToken({ sub: uniqueName('integrator'), roles: ['integrator'] }, { secret });
      const plain = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: 'http://127.0.0.1:9/hooks', eventTypes: [OrderPlacedV1.type] } });
      expect(plain.status).toBe(422);
      expect(plain.body.errors).toEqual([{ field: 'body.url', message: expect.stringContaining('https') }]);
      const secure = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: 'https://127.0.0.1:9/hooks', eventTypes: [OrderPlacedV1.type] } });
      expect(secure.status).toBe(201);
    } finally {
      await fx.stop();
    }
  });
});
