import { NotificationDeliveredV1, NotificationFailedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';

describe('SMS and WeChat behind one provider interface', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('a failed channel falls back to the next one the recipient has; both outcomes are published, without the number', async () => {
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const phone = `+86138${String(Date.now()).slice(-8)}`;
    const wechat = `wx_${uniqueName('openid')}`;
    const saved = await fx.service.http('PUT', '/v1/recipients/me', {
      token: await tokenOf(resident),
      body: { locale: 'en', sms: phone, wechat, channelOrder: ['sms', 'wechat'] },
    });
    expect(saved.status).toBe(200);
    fx.recording.failFor.add(phone);

    const placed = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(placed);

    const sent = await waitFor(() => fx.recording.sent.find((message) => message.address === wechat));
    expect(sent).toMatchObject({ channel: 'wechat', message: { title: 'Order placed' } });
    expect(fx.recording.sent.filter((message) => message.address === phone)).toEqual([]);
    const failed = await fx.probe.waitForEvent((event) => event.type === NotificationFailedV1.type && (event.data as { causeEventId: string }).causeEventId === placed.id);
    expect(failed.data).toMatchObject({ recipientId: resident.sub, channel: 'sms', reason: 'provider_error' });
    const delivered = await fx.probe.waitForEvent(
      (event) => event.type === NotificationDeliveredV1.type && (event.data as { channel: string; causeEventId: string }).causeEventId === placed.id && (event.data as { channel: string }).channel === 'wechat',
    );
    expect(delivered.data).toMatchObject({ recipientId: resident.sub });
    const onTheWire = JSON.stringify(fx.probe.records);
    expect(onTheWire).not.toContain(phone);
    expect(onTheWire).not.toContain(wechat);

    // Redelivered: no second WeChat message.
    await fx.publish(placed);
    const later = orderPlaced(placed.subject, resident.sub);
    await fx.publish(later);
    await fx.waitForMessage(resident, later.id);
    await waitFor(() => fx.recording.sent.filter((message) => message.address === wechat).length === 2);
    expect(fx.recording.sent.filter((message) => message.address === wechat && message.message.title === 'Order placed')).toHaveLength(2);
  });
});
