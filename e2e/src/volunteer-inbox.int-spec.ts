import { ActivityPromotedFromWaitlistV1, VolunteerHoursCreditedV1, VolunteerLevelReachedV1 } from '@lantern/contracts';
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

  it('the volunteer promoted from the waitlist is told, naming the activity; the one who cancelled is not', async () => {
    const admin = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
    const [first, waiting] = [uniqueName('vol-first'), uniqueName('vol-waiting')];
    await Promise.all([register(first), register(waiting)]);
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
});
