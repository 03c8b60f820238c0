import { BroadcastSentV1 } from '@lantern/contracts';
import { tokenFor, uniqueName } from '@lantern/testing';
import { NotificationsFixture, startNotifications, tokenOf } from '../../test/notifications-fixture';

describe('POST /v1/broadcasts', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('a coordinator announces to a station: every registered member hears it once, in their language; other stations do not', async () => {
    const stationId = uniqueName('station');
    const [zh, en, elsewhere] = [
      { sub: uniqueName('vol'), roles: ['volunteer'], stations: [stationId], locale: 'zh-CN' },
      { sub: uniqueName('sw'), roles: ['social_worker'], stations: [stationId], locale: 'en' },
      { sub: uniqueName('vol'), roles: ['volunteer'], stations: [uniqueName('station')], locale: 'en' },
    ];
    for (const person of [zh, en, elsewhere]) {
      expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(person), body: { locale: person.locale } })).status).toBe(200);
    }
    const coordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: [stationId] });
    const body = {
      audience: { type: 'station', id: stationId },
      title: { 'zh-CN': '周六义诊', en: 'Health check on Saturday' },
      body: { 'zh-CN': '周六上午九点在服务中心免费义诊。', en: 'Free health check at the centre, Saturday 9:00.' },
    };
    const headers = { 'Idempotency-Key': uniqueName('key') };
    const sent = await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body, headers });
    expect(sent.status).toBe(202);
    // Retried with the same key: the same broadcast, not a second one.
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body, headers })).body.id).toBe(sent.body.id);

    const broadcast = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sent.body.id);
    expect((await fx.waitForMessage(zh, broadcast.id)).title).toBe('周六义诊');
    expect((await fx.waitForMessage(en, broadcast.id)).body).toBe('Free health check at the centre, Saturday 9:00.');
    const sentinelBroadcast = await fx.service.http('POST', '/v1/broadcasts', {
      token: coordinator,
      body: { ...body, title: { 'zh-CN': '再次提醒', en: 'Reminder' } },
    });
    const sentinel = await fx.probe.waitForEvent((event) => event.type === BroadcastSentV1.type && event.subject === sentinelBroadcast.body.id);
    await fx.waitForMessage(zh, sentinel.id);
    expect((await fx.inbox(zh)).items).toHaveLength(2);
    expect((await fx.inbox(elsewhere)).items).toEqual([]);
  });

  it('staff may announce to their own stations only; residents may not announce at all', async () => {
    const body = { audience: { type: 'station', id: 'meisha-centre' }, title: { 'zh-CN': 't', en: 't' }, body: { 'zh-CN': 'b', en: 'b' } };
    const coordinator = await tokenFor({ sub: uniqueName('coord'), roles: ['coordinator'], stations: ['xiahui-centre'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body })).status).toBe(403);
    const resident = await tokenFor({ sub: uniqueName('res'), roles: ['resident'] });
    expect((await fx.service.http('POST', '/v1/broadcasts', { token: resident, body })).status).toBe(403);
    const bad = await fx.service.http('POST', '/v1/broadcasts', { token: coordinator, body: { ...body, audience: { type: 'galaxy', id: 'x' } } });
    expect(bad.status).toBe(400);
  });
});
