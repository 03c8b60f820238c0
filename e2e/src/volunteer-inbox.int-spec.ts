import { ActivityCancelledV1, ActivityChangedV1, ActivityPromotedFromWaitlistV1, VolunteerHoursCreditedV1, VolunteerLevelReachedV1 } from '@lantern/contracts';
import { dropDatabases, startTestService, TestService, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { NotificationsModule, NOTIFICATIONS_SERVICE } from '@lantern/service-notifications';
import { VolunteersModule, VOLUNTEERS_SERVICE } from '@lantern/service-volunteers';

type InboxItem = { subject: string; title: string; body: string; causeEventType: string };

/** Issue 12: a volunteer hears what changes their plans and their record, through the real services. */
describe('a volunteer’s inbox, from the volunteers service through Kafka to notifications', () => {
  let volunteers: TestService;
  let notifications: TestService;

  beforeAll(async () => {
    volunteers = await startTestService(VolunteersModule, { service: VOLUNTEERS_SERVICE.service });
    notifications = await startTestService(NotificationsModule, { service: NOTIFICATIONS_SERVICE.service });
  });
  afterAll(async () => {
    await Promise.all([volunteers.stop(), notifications.stop()]);
    await dropDatabases(volunteers.database, notifications.database);
  });

  const register = async (id: string) => {
    const response = await volunteers.http('POST', '/v1/volunteers', {
      token: await tokenFor({ sub: id, roles: ['volunteer'] }),
      body: { name: '李好姐', phone: '13912345678', idNumber: '44190019800101123X', consentGiven: true, consentVersion: '2026-01', villages: ['lizhoujiao'], skills: [], availability: ['weekend'] },
    });
    expect(response.status).toBe(201);
  };

  const messageAbout = (volunteerId: string, type: string) =>
    waitFor(
      async () => {
        const page = await notifications.http('GET', '/v1/inbox?limit=100', { token: await tokenFor({ sub: volunteerId, roles: ['volunteer'] }) });
        return (page.body.items as InboxItem[] | undefined)?.find((item) => item.causeEventType === type);
      },
      { timeoutMs: 20_000, intervalMs: 50, description: `a ${type} message in ${volunteerId}'s inbox` },
    );

  it('the volunteer promoted from the waitlist is told, naming the activity, in the inbox and by the channel they chose; the one who cancelled is not', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const [first, waiting] = [uniqueName('vol-first'), uniqueName('vol-waiting')];
    await Promise.all([register(first), register(waiting)]);
    // The one waiting wants messages by SMS (their number is notifications' own, given here).
    const phone = `+86139${String(Date.now()).slice(-8)}`;
    const preferences = await notifications.http('PUT', '/v1/recipients/me', { token: await tokenFor({ sub: waiting, roles: ['volunteer'] }), body: { locale: 'zh-CN', sms: phone, channelOrder: ['sms'] } });
    expect(preferences.status).toBe(200);
    const title = uniqueName('元宵灯会');
    const activity = await volunteers.http('POST', '/v1/activities', {
      token: admin,
      body: { title, stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', startsAt: '2027-02-11T10:00:00.000Z', endsAt: '2027-02-11T14:00:00.000Z', capacity: 1 },
    });
    expect(activity.status).toBe(201);
    const activityId: string = activity.body.id;

    const signUp = async (id: string) => (await volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await tokenFor({ sub: id, roles: ['volunteer'] }), body: {} })).body.status;
    expect(await signUp(first)).toBe('signed_up');
    expect(await signUp(waiting)).toBe('waitlisted');
    const cancelled = await volunteers.http('POST', `/v1/activities/${activityId}/signups/${first}/cancel`, { token: await tokenFor({ sub: first, roles: ['volunteer'] }) });
    expect(cancelled.status).toBe(200);

    const message = await messageAbout(waiting, ActivityPromotedFromWaitlistV1.type);
    expect(message).toMatchObject({ subject: activityId, title: '您已从候补转为正式报名' });
    expect(message.body).toContain(title);
    // And by SMS, as they chose (the local recording gateway: what it sent, the number masked).
    const sms = await waitFor(
      async () => {
        const outgoing = await notifications.http('GET', '/v1/admin/outgoing', { token: admin });
        return (outgoing.body as { channel: string; to: string; body: string }[]).find((sent) => sent.channel === 'sms' && sent.body.includes(title));
      },
      { timeoutMs: 20_000, description: 'the promotion sent by SMS' },
    );
    expect(sms).toMatchObject({ title: '您已从候补转为正式报名', to: expect.stringMatching(new RegExp(`${phone.slice(-4)}$`)) });
    expect(sms.to).not.toContain(phone.slice(0, -4));
    // The one who cancelled did it themselves: nothing to tell them.
    const firstInbox = await notifications.http('GET', '/v1/inbox', { token: await tokenFor({ sub: first, roles: ['volunteer'] }) });
    expect(firstInbox.body.items).toEqual([]);
  });

  it('hours credited and the star level they reach both reach the volunteer', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const volunteerId = uniqueName('vol-hours');
    await register(volunteerId);
    const granted = await volunteers.http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body: { hours: 100, reason: 'Typhoon relief, Sept 2026' } });
    expect(granted.status).toBe(201);

    expect((await messageAbout(volunteerId, VolunteerHoursCreditedV1.type)).body).toContain('100');
    expect((await messageAbout(volunteerId, VolunteerLevelReachedV1.type)).title).toContain('1星');
  });

  it('an activity moved, then given another place and more places, then called off: those holding or waiting for a place hear what changed each time; the one who left before hears nothing; no sign-up after', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const [holder, waiting, left] = [uniqueName('vol-holder'), uniqueName('vol-waiting'), uniqueName('vol-left')];
    await Promise.all([register(holder), register(waiting), register(left)]);
    const title = uniqueName('重阳敬老');
    const activity = await volunteers.http('POST', '/v1/activities', {
      token: admin,
      body: { title, stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', startsAt: '2027-10-10T01:00:00.000Z', endsAt: '2027-10-10T04:00:00.000Z', capacity: 2 },
    });
    expect(activity.status).toBe(201);
    const activityId: string = activity.body.id;
    const volunteer = (id: string) => tokenFor({ sub: id, roles: ['volunteer'] });
    const signUp = async (id: string) => (await volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await volunteer(id), body: {} })).body.status;
    expect([await signUp(holder), await signUp(left), await signUp(waiting)]).toEqual(['signed_up', 'signed_up', 'waitlisted']);
    // The one who leaves first gives their place to the one waiting: both of the others now hold one.
    expect((await volunteers.http('POST', `/v1/activities/${activityId}/signups/${left}/cancel`, { token: await volunteer(left) })).status).toBe(200);
    await messageAbout(waiting, ActivityPromotedFromWaitlistV1.type);
    const another = uniqueName('vol-later');
    await register(another);
    expect(await signUp(another)).toBe('waitlisted');
    const change = (body: Record<string, unknown>) => volunteers.http('POST', `/v1/activities/${activityId}/change`, { token: admin, body });
    const changeNotices = async (id: string) =>
      waitFor(
        async () => {
          const page = await notifications.http('GET', '/v1/inbox?limit=100', { token: await volunteer(id) });
          const notices = ((page.body.items as InboxItem[] | undefined) ?? []).filter((item) => item.causeEventType === ActivityChangedV1.type);
          return notices.length === 2 ? notices : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 50, description: `two change notices in ${id}'s inbox` },
      );

    // Refused, naming the field: an end before the start, fewer places than holders, a station without its village.
    const refusals: [Record<string, unknown>, string][] = [
      [{ startsAt: '2027-10-11T04:00:00.000Z', endsAt: '2027-10-11T01:00:00.000Z' }, 'body.endsAt'],
      [{ endsAt: '2027-10-09T04:00:00.000Z' }, 'body.endsAt'],
      [{ capacity: 1 }, 'body.capacity'],
      [{ stationId: 'lizhoujiao-east' }, 'body.villageId'],
    ];
    for (const [body, field] of refusals) {
      const refused = await change(body);
      expect({ body, status: refused.status, fields: refused.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ body, status: 422, fields: [field] });
    }
    // Moved a day later: the time only.
    const moved = await change({ startsAt: '2027-10-11T01:00:00.000Z', endsAt: '2027-10-11T04:00:00.000Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: '2027-10-11T01:00:00.000Z', signedUp: [holder, waiting], waitlist: [another] });
    // Then to the east station with a third place: the one waiting takes it at once.
    const elsewhere = await change({ stationId: 'lizhoujiao-east', villageId: 'lizhoujiao', capacity: 3 });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toMatchObject({ stationId: 'lizhoujiao-east', capacity: 3, startsAt: '2027-10-11T01:00:00.000Z', signedUp: [holder, waiting, another], waitlist: [] });
    expect((await messageAbout(another, ActivityPromotedFromWaitlistV1.type)).body).toContain(title);
    // The same arrangement again changes nothing (no third notice: counted after the cancellation below).
    expect((await change({ capacity: 3 })).status).toBe(200);
    // Each notice says what changed, and only that.
    for (const id of [holder, waiting, another]) {
      const notices = await changeNotices(id);
      expect(notices.map((notice) => [notice.subject, notice.title])).toEqual([[activityId, '活动安排有变'], [activityId, '活动安排有变']]);
      expect(notices.map((notice) => notice.body).sort()).toEqual([
        `「${title}」有变动：地点改为 lizhoujiao-east；名额改为 3 人。请留意。`,
        `「${title}」有变动：时间改为 2027-10-11T01:00:00.000Z 至 2027-10-11T04:00:00.000Z。请留意。`,
      ]);
    }

    // Called off, with a coded reason: everyone concerned hears, and nobody signs up after.
    const badReason = await volunteers.http('POST', `/v1/activities/${activityId}/cancel`, { token: admin, body: { reason: 'the typhoon' } });
    expect(badReason.status).toBe(400);
    expect(JSON.stringify(badReason.body)).toContain('reason');
    const cancelled = await volunteers.http('POST', `/v1/activities/${activityId}/cancel`, { token: admin, body: { reason: 'weather' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).toEqual(expect.any(String));
    for (const id of [holder, waiting, another]) expect((await messageAbout(id, ActivityCancelledV1.type)).body).toContain(title);
    const late = uniqueName('vol-late');
    await register(late);
    expect((await volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await volunteer(late), body: {} })).status).toBe(409);
    expect((await change({ startsAt: '2027-10-12T01:00:00.000Z', endsAt: '2027-10-12T04:00:00.000Z' })).status).toBe(409);
    // Cancelling again changes nothing: still one message each.
    expect((await volunteers.http('POST', `/v1/activities/${activityId}/cancel`, { token: admin, body: { reason: 'weather' } })).status).toBe(200);

    // The one who had left before the change hears of neither.
    const leftInbox = await notifications.http('GET', '/v1/inbox?limit=100', { token: await volunteer(left) });
    expect((leftInbox.body.items as InboxItem[]).filter((item) => item.subject === activityId)).toEqual([]);
    // The activity's events reach notifications in order: by the cancellation notice, a change appended after the two would be in too.
    const holderInbox = await notifications.http('GET', '/v1/inbox?limit=100', { token: await volunteer(holder) });
    expect((holderInbox.body.items as InboxItem[]).filter((item) => item.causeEventType === ActivityCancelledV1.type)).toHaveLength(1);
    expect((holderInbox.body.items as InboxItem[]).filter((item) => item.causeEventType === ActivityChangedV1.type)).toHaveLength(2);
  });
});
