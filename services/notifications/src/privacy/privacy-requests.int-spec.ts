import { uniqueName, waitFor } from '@lantern/testing';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';

type Part = { service: string; status: string; data: Record<string, unknown> | null };
type RequestState = { id: string; kind: string; personId: string; status: string; parts: Part[] };

/**
 * The way to ask (POST/GET /v1/privacy/requests) and notifications' own answer, through its HTTP
 * API and Kafka: an export shows the person's channels and inbox; an erasure makes their contact
 * addresses and inbox texts unreadable in every collection, and the earlier export with them.
 * The other four services are not running here: their parts stay pending.
 */
describe('notifications: a person asks for their data and its erasure; notifications answers its part', () => {
  let fx: NotificationsFixture;
  const resident = { sub: uniqueName('res'), roles: ['resident'] };
  const other = { sub: uniqueName('res-other'), roles: ['resident'] };
  const admin = { sub: uniqueName('admin'), roles: ['admin'] };
  const phone = `+86139${String(Date.now()).slice(-8)}`;

  beforeAll(async () => {
    fx = await startNotifications();
    const saved = await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(resident), body: { locale: 'en', sms: phone, channelOrder: ['sms'] } });
    expect(saved.status).toBe(200);
    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(placed);
    await fx.waitForMessage(resident, placed.id);
  });
  afterAll(() => fx?.stop());

  const ask = async (who: { sub: string; roles: string[] }, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fx.service.http('POST', '/v1/privacy/requests', { token: await tokenOf(who), body, headers });
  const read = async (who: { sub: string; roles: string[] }, id: string) => fx.service.http('GET', `/v1/privacy/requests/${id}`, { token: await tokenOf(who) });
  const notificationsPart = (id: string, status: string) =>
    waitFor(async () => {
      const state = (await read(resident, id)).body as RequestState;
      const part = state.parts.find((candidate) => candidate.service === 'notifications');
      return part?.status === status ? { state, part } : undefined;
    }, { timeoutMs: 30_000, description: `notifications ${status} request ${id}` });

  it('export: 202 with every part pending, then notifications\' part holds the channels and the inbox; only the person, the asker and admins read it', async () => {
    const key = uniqueName('key');
    const asked = await ask(resident, { kind: 'export' }, { 'Idempotency-Key': key });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ kind: 'export', personId: resident.sub, requestedBy: resident.sub, status: 'pending' });
    expect((asked.body as RequestState).parts.map((part) => [part.service, part.status])).toEqual(
      ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'].map((service) => [service, 'pending']),
    );
    // The same key again: the same request, not a second one.
    expect((await ask(resident, { kind: 'export' }, { 'Idempotency-Key': key })).body.id).toBe(asked.body.id);

    const { state, part } = await notificationsPart(asked.body.id, 'exported');
    expect(state.status).toBe('pending'); // the other four services are not running in this test
    expect(part.data).toMatchObject({ recipient: { sms: phone, channelOrder: ['sms'] } });
    expect((part.data?.inbox as { id: string; title: string }[]).some((message) => message.title.length > 0)).toBe(true);

    expect((await read(other, asked.body.id)).status).toBe(404);
    expect((await read(admin, asked.body.id)).status).toBe(200);
    expect((await read(resident, 'prq_unknown')).status).toBe(404);
    expect((await ask(other, { kind: 'erasure', personId: resident.sub })).status).toBe(403);
    const invalid = await ask(resident, { kind: 'forget-me' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.errors)).toContain('body.kind');
  });

  it('erasure asked by an admin: contact addresses, inbox texts and the earlier export become unreadable; the inbox keeps its count', async () => {
    const exported = await ask(resident, { kind: 'export' });
    await notificationsPart(exported.body.id, 'exported');
    const before = await fx.inbox(resident);
    const title = before.items[0].title;

    const erasure = await ask(admin, { kind: 'erasure', personId: resident.sub });
    expect(erasure.status).toBe(202);
    expect(erasure.body).toMatchObject({ personId: resident.sub, requestedBy: admin.sub });
    await notificationsPart(erasure.body.id, 'erased');

    const me = await fx.service.http('GET', '/v1/recipients/me', { token: await tokenOf(resident) });
    expect(me.body).toMatchObject({ sms: null, wechat: null, email: null, locale: 'en' });
    const after = await fx.inbox(resident);
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
    expect(after.items.every((item) => item.title === '' && item.body === '')).toBe(true);
    // The earlier export's parts were sealed to a key that was sealed under the person's key: gone too.
    const earlier = (await read(resident, exported.body.id)).body as RequestState;
    expect(earlier.parts.find((part) => part.service === 'notifications')).toMatchObject({ status: 'exported', data: null });

    // No collection of the service holds the phone number or the message text in clear.
    const collections = await fx.database.db!.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const dump = JSON.stringify(await fx.database.collection(name).find({}).toArray());
      expect({ collection: name, phone: dump.includes(phone), title: dump.includes(title) && name.startsWith('inbox') }).toEqual({ collection: name, phone: false, title: false });
    }
  });
});
