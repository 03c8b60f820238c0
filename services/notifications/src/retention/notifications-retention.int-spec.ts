import { now } from '@lantern/clock';
import { bucketDay, DAY_MS, dayBucket, retiredAfter, RetentionSweeper } from '@lantern/event-store';
import { NotificationDeliveredV1, OrderPlacedV1 } from '@lantern/contracts';
import { tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { DELIVERIES } from '../deliveries/delivery-record.model';
import { GENERATION_DAYS, generationOf } from '../inbox/inbox-generations';
import { inboxMessageId } from '../inbox/inbox.repository';
import { NotificationsFixture, orderPlaced, startNotifications, tokenOf } from '../../test/notifications-fixture';
import { startReceiver } from '../../test/webhook-receiver';
import { WEBHOOK_DELIVERIES } from '../webhooks/webhook-delivery.model';

/**
 * What notifications keeps about who was told what expires NOTIFICATIONS_RETENTION_DAYS (90)
 * after the end of its day, by the sweeper the running service registered its rules with. Time
 * moves by handing the sweeper a later `now` — the day buckets are named by the records' days.
 */
/** How long a wait may take on a loaded machine (the service's first consumer-group join included). */
const LOADED = 30_000;

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
    await waitFor(() => fx.recording.sent.filter((message) => message.address === phone).length === 2, { timeoutMs: LOADED, description: 'both SMS sent' });
    const recordOf = (event: { id: string; time: string }) =>
      fx.database.collection(dayBucket(DELIVERIES, new Date(event.time))).findOne({ _id: `delivery:${event.id}:${resident.sub}:sms` } as never);
    // The record says delivered once the send has returned, a moment after the channel got it.
    const delivered = async (event: { id: string; time: string }) => ((await recordOf(event))?.status === 'delivered' ? true : undefined);
    await waitFor(async () => (await delivered(today)) && (await delivered(monthAgo)), { timeoutMs: LOADED, description: 'both delivery records delivered' });
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

  it('a webhook delivery log keeps each event in its day: paged newest day first, the month-old day dropped after 90 days and today\'s kept', async () => {
    const receiver = await startReceiver(() => 204);
    try {
      const token = await tokenFor({ sub: uniqueName('integrator'), roles: ['integrator'] });
      const created = await fx.service.http('POST', '/v1/webhooks', { token, body: { url: receiver.url, eventTypes: [OrderPlacedV1.type] } });
      expect(created.status).toBe(201);
      const logPage = async (query: string) => (await fx.service.http('GET', `/v1/webhooks/${created.body.id}/deliveries?${query}`, { token })).body;
      const today = orderPlaced(uniqueName('ord'), uniqueName('res'));
      const monthAgo = { ...orderPlaced(uniqueName('ord'), uniqueName('res')), time: daysFrom(now(), -30).toISOString() };
      await fx.publish(monthAgo, today);
      const delivered = async () => (await logPage('limit=100')).items.filter((item: { status: string }) => item.status === 'delivered');
      await waitFor(async () => ((await delivered()).length === 2 ? true : undefined), { timeoutMs: LOADED, description: 'both events delivered' });

      // Newest day first, one item a page: the cursor walks from today's bucket into the month-old one.
      const first = await logPage('limit=1');
      expect(first.items.map((item: { eventId: string }) => item.eventId)).toEqual([today.id]);
      const second = await logPage(`limit=1&cursor=${first.nextCursor}`);
      expect(second.items.map((item: { eventId: string }) => item.eventId)).toEqual([monthAgo.id]);
      expect(second.nextCursor).toBeNull();
      // A cursor it did not issue is 400 naming it, whatever its day, time or id hold.
      for (const forged of [{ day: 'x', createdAt: new Date().toISOString(), id: 'a' }, { day: '2026-12-03', createdAt: 'garbage', id: 'a' }, { day: '2026-12-03', createdAt: new Date().toISOString(), id: { $gt: '' } }]) {
        const refused = await fx.service.http('GET', `/v1/webhooks/${created.body.id}/deliveries?cursor=${Buffer.from(JSON.stringify(forged)).toString('base64url')}`, { token });
        expect([refused.status, refused.body.errors?.[0]?.field]).toEqual([400, 'query.cursor']);
      }

      const monthAgoBucket = dayBucket(WEBHOOK_DELIVERIES, new Date(monthAgo.time));
      expect(await sweeper.sweep(daysFrom(monthAgo.time, 89))).not.toContain(monthAgoBucket);
      expect((await logPage('limit=100')).items).toHaveLength(2);
      expect(await sweeper.sweep(daysFrom(monthAgo.time, 91))).toContain(monthAgoBucket);
      expect((await logPage('limit=100')).items.map((item: { eventId: string }) => item.eventId)).toEqual([today.id]);
    } finally {
      await receiver.stop();
    }
  });

  it('an inbox keeps its messages by generations: one from the generation before is listed, counted, paged and read until that generation is 90 days past its end, then gone with its read — today\'s stay, positions and counts right', async () => {
    const resident = { sub: uniqueName('res'), roles: ['resident'] };
    const token = await tokenOf(resident);
    const inbox = async (query = '?limit=100') => (await fx.service.http('GET', `/v1/inbox${query}`, { token })).body;
    const generationNow = generationOf(now(), new Date(0));
    const firstDayNow = bucketDay('inbox_entries', `inbox_entries_${generationNow}`)!;
    const lastMonth = { ...orderPlaced(uniqueName('ord'), resident.sub), time: daysFrom(firstDayNow, -1).toISOString() };
    const longAgo = { ...orderPlaced(uniqueName('ord'), resident.sub), time: daysFrom(now(), -(90 + 2 * GENERATION_DAYS)).toISOString() };
    const today = orderPlaced(uniqueName('ord'), resident.sub);
    await fx.publish(longAgo, lastMonth, today);
    await fx.waitForMessage(resident, lastMonth.id, LOADED);
    await fx.waitForMessage(resident, today.id, LOADED);
    await fx.probe.waitForEvent((event) => event.type === NotificationDeliveredV1.type && (event.data as { causeEventId: string }).causeEventId === longAgo.id, LOADED);

    // A cause older than the window is stored in a generation no longer kept: never listed.
    const [todayId, lastMonthId, longAgoId] = [today, lastMonth, longAgo].map((event) => inboxMessageId(event.id, resident.sub));
    const listed = await inbox();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([todayId, lastMonthId]);
    expect(listed.unreadCount).toBe(2);
    expect((await fx.service.http('POST', `/v1/inbox/messages/${longAgoId}/read`, { token })).status).toBe(404);
    // One a page: the cursor walks from this generation's log into the one before.
    const first = await inbox('?limit=1');
    const second = await inbox(`?limit=1&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((item: { id: string }) => item.id)).toEqual([todayId, lastMonthId]);
    expect(second.nextCursor).toBeNull();
    expect((await fx.service.http('POST', `/v1/inbox/messages/${lastMonthId}/read`, { token })).status).toBe(200);
    expect((await inbox()).unreadCount).toBe(1);

    const generationBefore = generationOf(new Date(lastMonth.time), new Date(0))!;
    // (No head yet: an inbox's head is written at every fourth position.)
    const collectionsBefore = ['inbox_entries', 'inbox_reads', 'inbox_read_marks'].map((base) => `${base}_${generationBefore}`);
    const expires = daysFrom(bucketDay('inbox_entries', collectionsBefore[0])!, GENERATION_DAYS + 90);
    expect(await sweeper.sweep(new Date(expires.getTime() - 1))).toEqual(expect.not.arrayContaining([collectionsBefore[0]]));
    expect((await inbox()).items).toHaveLength(2);
    expect(await sweeper.sweep(expires)).toEqual(expect.arrayContaining(collectionsBefore));

    // Gone with its read; today's message, its position and the counts as they were.
    const after = await inbox();
    expect(after.items.map((item: { id: string }) => item.id)).toEqual([todayId]);
    expect(after.unreadCount).toBe(1);
    expect((await fx.service.http('POST', `/v1/inbox/messages/${lastMonthId}/read`, { token })).status).toBe(404);
    expect((await inbox('?limit=1')).nextCursor).toBeNull();
    expect((await fx.service.http('POST', `/v1/inbox/messages/${todayId}/read`, { token })).status).toBe(200);
    expect((await inbox()).unreadCount).toBe(0);
  });

  it('the delivery logs\' collections from before the buckets are dropped whole once the window has passed since this version first started, not before', async () => {
    for (const name of [DELIVERIES, WEBHOOK_DELIVERIES]) await fx.database.collection(name).insertOne({ _id: uniqueName('delivery') } as never);
    const since = (await fx.database.collection<{ _id: string; at: Date }>('retention_marks').findOne({ _id: 'delivery-logs-bucketed' }))!.at;
    const dropAt = retiredAfter(since, 90);
    expect(await sweeper.sweep(new Date(dropAt.getTime() - 1))).toEqual(expect.not.arrayContaining([DELIVERIES, WEBHOOK_DELIVERIES]));
    expect(await sweeper.sweep(dropAt)).toEqual(expect.arrayContaining([DELIVERIES, WEBHOOK_DELIVERIES]));
    const names = (await fx.database.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
    expect(names).not.toContain(DELIVERIES);
    expect(names).not.toContain(WEBHOOK_DELIVERIES);
  });
});
