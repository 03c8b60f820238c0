import { OrderPlacedV1 } from '@lantern/contracts';
import { uniqueName } from '@lantern/testing';
import { logCommands } from '../../test/command-log';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';

describe('PUT /v1/recipients/me', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    // Long enough that a burst of messages is handled within it however busy the machine is.
    fx = await startNotifications({ RECIPIENT_PREFERENCES_TTL_MS: '60000' });
  });
  afterAll(() => fx.stop());

  it('saves my channels and preferences and shows them back to me only; roles and stations come from my token', async () => {
    const person = { sub: uniqueName('sw'), roles: ['social_worker'], stations: ['meisha-centre'] };
    const token = await tokenOf(person);
    const body = { locale: 'en', sms: '+8613800000000', quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' }, optOuts: [OrderPlacedV1.type] };
    const saved = await fx.service.http('PUT', '/v1/recipients/me', { token, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: person.sub, ...body, wechat: null, channelOrder: ['wechat', 'sms', 'email'] });
    expect((await fx.service.http('GET', '/v1/recipients/me', { token })).body).toEqual(saved.body);
    const someoneElse = await tokenOf(uniqueName('res'));
    expect((await fx.service.http('GET', '/v1/recipients/me', { token: someoneElse })).body).toMatchObject({ locale: 'zh-CN', sms: null, quietHours: null });
  });

  it('names each bad field in a problem document', async () => {
    const token = await tokenOf(uniqueName('res'));
    const bad = await fx.service.http('PUT', '/v1/recipients/me', {
      token,
      body: { locale: 'fr', sms: 'call me', quietHours: { start: '25:00', end: '07:00', timeZone: 'Asia/Shanghai' }, channelOrder: ['pigeon'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const fields = (bad.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['body.channelOrder', 'body.locale', 'body.quietHours.start', 'body.sms']);
    const zone = await fx.service.http('PUT', '/v1/recipients/me', { token, body: { locale: 'en', quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } } });
    expect(zone.status).toBe(400);
    const type = await fx.service.http('PUT', '/v1/recipients/me', { token, body: { locale: 'en', optOuts: ['lantern.order.teleported.v1'] } });
    expect(type.body.errors[0].field).toBe('body.optOuts');
  });

  it('deliveries read my preferences once in a while, not for every message, and see my change at once', async () => {
    const resident = uniqueName('res');
    const token = await tokenOf(resident);
    const orderId = uniqueName('ord');
    const commands = logCommands(fx.service.app);
    const first = Array.from({ length: 4 }, () => orderPlaced(orderId, resident));
    await fx.publish(...first);
    await fx.waitForMessage(resident, first[3].id);
    expect(commands.on('recipients', resident).filter((command) => command === 'find')).toHaveLength(1);

    // Saved through this replica: the next message is in English.
    expect((await fx.service.http('PUT', '/v1/recipients/me', { token, body: { locale: 'en' } })).status).toBe(200);
    const next = orderPlaced(orderId, resident);
    await fx.publish(next);
    expect((await fx.waitForMessage(resident, next.id)).locale).toBe('en');
    commands.stop();
  });

  it('an opted-out event type is not delivered to me', async () => {
    const resident = uniqueName('res');
    await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(resident), body: { locale: 'zh-CN', optOuts: [OrderPlacedV1.type] } });
    const placed = orderPlaced(uniqueName('ord'), resident);
    await fx.publish(placed);
    // The same order's next event (same partition), told to someone else, shows the consumer moved past it.
    const sentinel = orderPlaced(placed.subject, uniqueName('res'));
    await fx.publish(sentinel);
    await fx.waitForMessage(sentinel.data.residentId, sentinel.id);
    expect((await fx.inbox(resident)).items).toEqual([]);
  });
});
