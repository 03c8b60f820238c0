import { now } from '@lantern/clock';
import { DAY_MS, dayBucket, RetentionSweeper } from '@lantern/event-store';
import { uniqueName, waitFor } from '@lantern/testing';
import { DELIVERIES } from '../deliveries/delivery-record.model';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';

/**
 * What notifications keeps about who was told what expires NOTIFICATIONS_RETENTION_DAYS (90)
 * after the end of its day, by the sweeper the running service registered its rules with. Time
 * moves by handing the sweeper a later `now` — the day buckets are named by the records' days.
 */
describe('notifications retention: messages and delivery logs are gone after their window, and kept within it', () => {
  let fx: NotificationsFixture;
  let sweeper: RetentionSweeper;
  const daysFrom = (at: Date | string, days: number) => new Date(new Date(at).getTime() + days * DAY_MS);

  beforeAll(async () => {
    fx = await startNotifications();
    sweeper = fx.service.app.get(RetentionSweeper);
  });
  afterAll(() => fx.stop());

  it('an SMS delivery record lives in the bucket of its event\'s day: dropped once 90 days are past, kept the day before', async () => {
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const phone = `+86139${String(Date.now()).slice(-8)}`;
    expect((await fx.service.http('PUT', '/v1/recipients/me', { token: await tokenOf(resident), body: { locale: 'en', sms: phone, channelOrder: ['sms'] } })).status).toBe(200);
    const today = orderPlaced(uniqueName('ord'), resident.sub);
    const monthAgo = { ...orderPlaced(uniqueName('ord'), resident.sub), time: daysFrom(now(), -30).toISOString() };
    for (const event of [today, monthAgo]) await fx.publish(event);
    await waitFor(() => fx.recording.sent.filter((message) => message.address === phone).length === 2);
    const recordOf = (event: { id: string; time: string }) =>
      fx.database.collection(dayBucket(DELIVERIES, new Date(event.time))).findOne({ _id: `delivery:${event.id}:${resident.sub}:sms` } as never);
    expect(await recordOf(today)).toMatchObject({ status: 'delivered', recipientId: resident.sub });
    expect(await recordOf(monthAgo)).toMatchObject({ status: 'delivered' });

    // 60 days on, the month-old record is 90 days old: still there until its 91st day begins.
    expect(await sweeper.sweep(daysFrom(monthAgo.time, 89))).not.toContain(dayBucket(DELIVERIES, new Date(monthAgo.time)));
    expect(await recordOf(monthAgo)).not.toBeNull();
    expect(await sweeper.sweep(daysFrom(monthAgo.time, 91))).toContain(dayBucket(DELIVERIES, new Date(monthAgo.time)));
    expect(await recordOf(monthAgo)).toBeNull();
    expect(await recordOf(today)).toMatchObject({ status: 'delivered' });

    expect(await sweeper.sweep(daysFrom(today.time, 91))).toContain(dayBucket(DELIVERIES, new Date(today.time)));
    expect(await recordOf(today)).toBeNull();
  });
});
