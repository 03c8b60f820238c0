import {
  ActivityPromotedFromWaitlistV1,
  ActivitySignedUpV1,
  ActivitySignUpCancelledV1,
  ActivityWaitlistedV1,
} from '@lantern/contracts';
import { TestService, waitFor } from '@lantern/testing';
import { activityAt, people, registerVolunteers, startReplica, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

describe('POST /v1/activities/{id}/signups', () => {
  let fx: VolunteersFixture;
  /** A second replica on the same database: the event store, not the process, must arbitrate. */
  let replica: TestService;
  const station = uniqueId('station');
  let coordinator: string;

  beforeAll(async () => {
    fx = await startVolunteers();
    replica = await startReplica(fx);
    coordinator = await people.coordinator(uniqueId('coord'), [station]);
  });
  afterAll(async () => {
    await replica.stop();
    await fx.stop();
  });

  async function publish(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, overrides) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  it('50 volunteers sign up at once, across two replicas, for 10 places: exactly 10 signed up, the rest waitlisted in arrival order; one cancels (twice, at once) and the first waitlisted is promoted, once', async () => {
    const activityId = await publish({ capacity: 10 });
    const ids = await registerVolunteers(fx, Array.from({ length: 50 }, (_, n) => uniqueId(`vol${n}`)));
    const tokens = await Promise.all(ids.map((id) => people.volunteer(id)));

    const started = Date.now();
    const responses = await Promise.all(
      ids.map((_, n) => (n % 2 === 0 ? fx.volunteers : replica).http('POST', `/v1/activities/${activityId}/signups`, { token: tokens[n], body: {} })),
    );
    process.stdout.write(`50 concurrent sign-ups on one activity: ${Date.now() - started} ms\n`);
    expect(responses.map((response) => response.status)).toEqual(ids.map(() => 201));
    const signedUp = responses.filter((response) => response.body.status === 'signed_up');
    const waitlisted = responses.filter((response) => response.body.status === 'waitlisted');
    expect(signedUp).toHaveLength(10);
    expect(waitlisted).toHaveLength(40);
    expect(waitlisted.map((response) => response.body.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));

    // Arrival order is append order: the waitlist, the positions each caller was told, and the
    // order of the waitlisted events on Kafka all agree.
    const activity = await fx.volunteers.http('GET', `/v1/activities/${activityId}`, { token: coordinator });
    expect(activity.body).toMatchObject({ capacity: 10, signedUpCount: 10, waitlistCount: 40 });
    for (const response of waitlisted) expect(activity.body.waitlist[response.body.waitlistPosition - 1]).toBe(response.body.volunteerId);
    await waitFor(() => fx.eventsOf(activityId, ActivityWaitlistedV1.type).length === 40, { description: '40 waitlisted events' });
    expect(fx.eventsOf(activityId, ActivitySignedUpV1.type)).toHaveLength(10);
    const onTheWire = fx.eventsOf(activityId, ActivityWaitlistedV1.type).map((event) => event.data as { volunteerId: string; position: number });
    expect(onTheWire.map((data) => data.volunteerId)).toEqual(activity.body.waitlist);
    expect(onTheWire.map((data) => data.position)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));

    // A volunteer cancels, and the request is retried at the same moment: one cancel, one promotion.
    const leaver = signedUp[0].body.volunteerId;
    const first = activity.body.waitlist[0];
    const leaverToken = tokens[ids.indexOf(leaver)];
    const cancels = await Promise.all(
      [1, 2].map(() => fx.volunteers.http('POST', `/v1/activities/${activityId}/signups/${leaver}/cancel`, { token: leaverToken })),
    );
    expect(cancels.map((response) => response.status)).toEqual([200, 200]);
    expect(cancels.flatMap((response) => response.body.promoted)).toEqual([first]);

    const after = await fx.volunteers.http('GET', `/v1/activities/${activityId}`, { token: coordinator });
    expect(after.body).toMatchObject({ signedUpCount: 10, waitlistCount: 39 });
    expect(after.body.signedUp).toContain(first);
    expect(after.body.signedUp).not.toContain(leaver);
    expect(after.body.waitlist).toEqual(activity.body.waitlist.slice(1));

    // A waitlisted volunteer leaving frees no place; its event, on the same partition, marks the
    // point by which any second promotion would have been seen.
    const second = activity.body.waitlist[1];
    const secondLeaves = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups/${second}/cancel`, { token: tokens[ids.indexOf(second)] });
    expect(secondLeaves.body.promoted).toEqual([]);
    await waitFor(() => fx.eventsOf(activityId, ActivitySignUpCancelledV1.type).length === 2, { description: 'both cancellations on Kafka' });
    const promotions = fx.eventsOf(activityId, ActivityPromotedFromWaitlistV1.type);
    expect(promotions).toHaveLength(1);
    expect(promotions[0].data).toMatchObject({ volunteerId: first });
    // Fifty registrations and a contended stream on a shared FerretDB: room beyond the default deadline.
  }, 120_000);

  it('a volunteer without the required training cannot sign up: 422 saying which training is missing; with valid training they can', async () => {
    const activityId = await publish({ capacity: 5, requiredQualification: 'water-safety' });
    const [untrained, expired, trained] = await registerVolunteers(fx, [uniqueId('untrained'), uniqueId('expired'), uniqueId('trained')]);
    const admin = await people.admin();
    await fx.volunteers.http('POST', `/v1/volunteers/${expired}/training`, {
      token: admin,
      body: { courseCode: 'water-safety', completedOn: '2024-05-01', trainingHours: 6, validUntil: '2026-05-01' },
    });
    const recorded = await fx.volunteers.http('POST', `/v1/volunteers/${trained}/training`, {
      token: admin,
      body: { courseCode: 'water-safety', completedOn: '2026-05-01', trainingHours: 6, validUntil: '2028-05-01' },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.training).toEqual([{ courseCode: 'water-safety', completedOn: '2026-05-01', trainingHours: 6, validUntil: '2028-05-01' }]);

    const refused = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(untrained), body: {} });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({ reason: 'qualification_required', requiredQualification: 'water-safety' });
    expect(refused.body.detail).toBe('This activity requires "water-safety" training; the volunteer has no training record for it');

    const lapsed = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(expired), body: {} });
    expect(lapsed.status).toBe(422);
    expect(lapsed.body.detail).toContain('expired');

    const accepted = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(trained), body: {} });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'signed_up', waitlistPosition: null });
    const activity = await fx.volunteers.http('GET', `/v1/activities/${activityId}`, { token: coordinator });
    expect(activity.body.signedUp).toEqual([trained]);
  });

  it('a missing skill is 422 naming it; a suspended volunteer is 409; an unknown activity is 404', async () => {
    const activityId = await publish({ requiredSkills: ['first-aid'] });
    const [noSkill, suspended] = await registerVolunteers(fx, [uniqueId('noskill'), uniqueId('suspended')]);
    const missing = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: await people.volunteer(noSkill), body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ reason: 'skills_missing', missingSkills: ['first-aid'] });

    const plain = await publish();
    await fx.volunteers.http('POST', `/v1/volunteers/${suspended}/suspend`, { token: await people.admin(), body: { reason: 'conduct' } });
    const blocked = await fx.volunteers.http('POST', `/v1/activities/${plain}/signups`, { token: await people.volunteer(suspended), body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.body.reason).toBe('volunteer_suspended');

    expect((await fx.volunteers.http('POST', '/v1/activities/act_missing/signups', { token: await people.volunteer(noSkill), body: {} })).status).toBe(404);
  });

  it('signing up twice keeps one place; re-signing after a cancel joins the back of the queue', async () => {
    const activityId = await publish({ capacity: 1 });
    const [a, b] = await registerVolunteers(fx, [uniqueId('twice-a'), uniqueId('twice-b')]);
    const tokenA = await people.volunteer(a);
    const tokenB = await people.volunteer(b);
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: tokenA, body: {} })).body.status).toBe('signed_up');
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: tokenA, body: {} })).body.status).toBe('signed_up');
    expect((await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: tokenB, body: {} })).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const cancelled = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups/${a}/cancel`, { token: tokenA });
    expect(cancelled.body.promoted).toEqual([b]);
    const again = await fx.volunteers.http('POST', `/v1/activities/${activityId}/signups`, { token: tokenA, body: {} });
    expect(again.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });
});
