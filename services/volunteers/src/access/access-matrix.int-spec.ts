import { VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { documentedOperations, tokenFor } from '@lantern/testing';
import { activityAt, orderRouted, people, registerVolunteers, registration, startVolunteers, uniqueId, VolunteersFixture } from '../../test/volunteers-fixture';

type Who = 'anonymous' | 'admin' | 'volunteer' | 'otherVolunteer' | 'coordinator' | 'otherCoordinator' | 'resident';
interface Call {
  method: string;
  path: string;
  body?: unknown;
}
/** One endpoint: who calls it, in this order, and the status each must get. */
interface Row {
  endpoint: string;
  cases: [Who, number, (ctx: Context) => Call][];
}
interface Context {
  volunteer: string;
  otherVolunteer: string;
  teamId: string;
  station: string;
  activityId: string;
  /** An activity of the same station for the cancellation row, so the others keep theirs. */
  spareActivityId: string;
  taskId: string;
  grantEntryId: string;
  /** A second member of the team, for the removal row. */
  leaver: string;
  fresh: string;
}

const sameCall = (call: (ctx: Context) => Call, cases: [Who, number][]): Row['cases'] => cases.map(([who, status]) => [who, status, call]);

// The matrix documented in services/volunteers/README.md. "volunteer" is a member of the team
// that "coordinator" coordinates (token stations = [team id, station id]); "other…" are outsiders.
const MATRIX: Row[] = [
  {
    endpoint: 'POST /v1/volunteers',
    cases: [
      ['anonymous', 401, () => ({ method: 'POST', path: '/v1/volunteers', body: registration() })],
      ['coordinator', 403, () => ({ method: 'POST', path: '/v1/volunteers', body: registration() })],
      ['volunteer', 403, (ctx) => ({ method: 'POST', path: '/v1/volunteers', body: registration({ personId: ctx.fresh }) })],
      ['resident', 201, () => ({ method: 'POST', path: '/v1/volunteers', body: registration() })],
      ['admin', 201, (ctx) => ({ method: 'POST', path: '/v1/volunteers', body: registration({ personId: ctx.fresh }) })],
    ],
  },
  {
    endpoint: 'GET /v1/volunteers',
    cases: sameCall(() => ({ method: 'GET', path: '/v1/volunteers' }), [
      ['anonymous', 401], ['volunteer', 403], ['resident', 403], ['otherCoordinator', 200], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'GET /v1/volunteers/{id}',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/volunteers/${ctx.volunteer}` }), [
      ['anonymous', 401], ['volunteer', 200], ['admin', 200], ['coordinator', 200], ['otherCoordinator', 404], ['otherVolunteer', 404], ['resident', 404],
    ]),
  },
  {
    endpoint: 'GET /v1/volunteers/{id}/hours',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/volunteers/${ctx.volunteer}/hours` }), [
      ['anonymous', 401], ['volunteer', 200], ['admin', 200], ['coordinator', 200], ['otherCoordinator', 404], ['otherVolunteer', 404], ['resident', 404],
    ]),
  },
  {
    endpoint: 'POST /v1/volunteers/{id}/suspend',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/volunteers/${ctx.otherVolunteer}/suspend`, body: { reason: 'other' } }), [
      ['otherVolunteer', 403], ['coordinator', 403], ['admin', 200],
    ]),
  },
  {
    endpoint: 'POST /v1/volunteers/{id}/reinstate',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/volunteers/${ctx.otherVolunteer}/reinstate` }), [
      ['otherVolunteer', 403], ['coordinator', 403], ['admin', 200],
    ]),
  },
  {
    endpoint: 'POST /v1/volunteers/{id}/training',
    cases: sameCall(
      (ctx) => ({ method: 'POST', path: `/v1/volunteers/${ctx.volunteer}/training`, body: { courseCode: 'first-aid', completedOn: '2026-01-10', trainingHours: 4 } }),
      [['volunteer', 403], ['coordinator', 403], ['admin', 201]],
    ),
  },
  {
    endpoint: 'POST /v1/volunteers/{id}/hours/grants',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/volunteers/${ctx.volunteer}/hours/grants`, body: { hours: 2, reason: 'Matrix grant' } }), [
      ['volunteer', 403], ['coordinator', 403], ['admin', 201],
    ]),
  },
  {
    endpoint: 'POST /v1/volunteers/{id}/hours/corrections',
    cases: sameCall(
      (ctx) => ({ method: 'POST', path: `/v1/volunteers/${ctx.volunteer}/hours/corrections`, body: { correctsEntryId: ctx.grantEntryId, hours: -1, reason: 'Matrix correction' } }),
      [['volunteer', 403], ['coordinator', 403], ['admin', 201]],
    ),
  },
  {
    endpoint: 'POST /v1/teams',
    cases: sameCall(
      (ctx) => ({ method: 'POST', path: '/v1/teams', body: { name: 'Dragon boat', kind: 'dragon_boat_association', villageId: 'dangyong', stationId: ctx.station, coordinatorIds: [] } }),
      [['anonymous', 401], ['volunteer', 403], ['coordinator', 403], ['admin', 201]],
    ),
  },
  {
    endpoint: 'GET /v1/teams',
    cases: sameCall(() => ({ method: 'GET', path: '/v1/teams' }), [
      ['anonymous', 401], ['resident', 200], ['otherVolunteer', 200], ['volunteer', 200], ['otherCoordinator', 200], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'GET /v1/teams/{id}',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/teams/${ctx.teamId}` }), [
      ['admin', 200], ['coordinator', 200], ['volunteer', 200], ['otherCoordinator', 404], ['otherVolunteer', 404],
    ]),
  },
  {
    endpoint: 'POST /v1/teams/{id}/members',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/teams/${ctx.teamId}/members`, body: { volunteerId: ctx.volunteer } }), [
      ['volunteer', 403], ['otherCoordinator', 403], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'DELETE /v1/teams/{id}/members/{volunteerId}',
    cases: [
      ['anonymous', 401, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      ['resident', 403, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      ['volunteer', 403, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      ['otherCoordinator', 403, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      ['coordinator', 204, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      ['admin', 204, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.leaver}` })],
      // The member leaves on their own, then is added back for the rows that follow.
      ['volunteer', 204, (ctx) => ({ method: 'DELETE', path: `/v1/teams/${ctx.teamId}/members/${ctx.volunteer}` })],
      ['coordinator', 200, (ctx) => ({ method: 'POST', path: `/v1/teams/${ctx.teamId}/members`, body: { volunteerId: ctx.volunteer } })],
    ],
  },
  {
    endpoint: 'POST /v1/activities',
    cases: sameCall((ctx) => ({ method: 'POST', path: '/v1/activities', body: activityAt(ctx.station) }), [
      ['anonymous', 401], ['volunteer', 403], ['resident', 403], ['otherCoordinator', 403], ['coordinator', 201], ['admin', 201],
    ]),
  },
  {
    endpoint: 'GET /v1/activities',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/activities?station=${ctx.station}` }), [
      ['anonymous', 401], ['resident', 200], ['volunteer', 200], ['otherCoordinator', 200], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'GET /v1/activities/{id}',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/activities/${ctx.activityId}` }), [
      ['anonymous', 401], ['volunteer', 200], ['otherCoordinator', 200], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'POST /v1/activities/{id}/signups',
    cases: [
      ['resident', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: {} })],
      ['volunteer', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: { volunteerId: ctx.otherVolunteer } })],
      ['otherCoordinator', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: { volunteerId: ctx.otherVolunteer } })],
      ['volunteer', 201, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: {} })],
      ['coordinator', 201, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: { volunteerId: ctx.otherVolunteer } })],
    ],
  },
  {
    endpoint: 'POST /v1/activities/{id}/signups/{volunteerId}/cancel',
    cases: [
      ['otherVolunteer', 404, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups/${ctx.volunteer}/cancel` })],
      ['otherCoordinator', 404, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups/${ctx.volunteer}/cancel` })],
      ['volunteer', 200, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups/${ctx.volunteer}/cancel` })],
      ['coordinator', 200, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups/${ctx.otherVolunteer}/cancel` })],
      ['volunteer', 201, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/signups`, body: {} })],
    ],
  },
  {
    endpoint: 'POST /v1/activities/{id}/attendance',
    cases: [
      ['volunteer', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/attendance`, body: { volunteerId: ctx.volunteer, action: 'check_in' } })],
      ['otherCoordinator', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/attendance`, body: { volunteerId: ctx.volunteer, action: 'check_in' } })],
      ['coordinator', 200, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/attendance`, body: { volunteerId: ctx.volunteer, action: 'check_in' } })],
      ['admin', 200, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/attendance`, body: { volunteerId: ctx.volunteer, action: 'check_out', hours: 1 } })],
    ],
  },
  {
    endpoint: 'POST /v1/activities/{id}/change',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/change`, body: { startsAt: '2027-02-12T10:00:00.000Z', endsAt: '2027-02-12T14:00:00.000Z' } }), [
      ['anonymous', 401], ['volunteer', 403], ['resident', 403], ['otherCoordinator', 403], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    // Moving it to a station they do not coordinate: not even the activity's coordinator may (admins may: the row above).
    endpoint: 'POST /v1/activities/{id}/change',
    cases: [['coordinator', 403, (ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.activityId}/change`, body: { stationId: 'meisha-centre', villageId: 'meisha' } })]],
  },
  {
    endpoint: 'POST /v1/activities/{id}/cancel',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/activities/${ctx.spareActivityId}/cancel`, body: { reason: 'weather' } }), [
      ['anonymous', 401], ['volunteer', 403], ['resident', 403], ['otherCoordinator', 403], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'GET /v1/tasks',
    cases: [
      ['volunteer', 403, () => ({ method: 'GET', path: '/v1/tasks' })],
      ['otherCoordinator', 403, (ctx) => ({ method: 'GET', path: `/v1/tasks?teamId=${ctx.teamId}` })],
      ['coordinator', 200, (ctx) => ({ method: 'GET', path: `/v1/tasks?teamId=${ctx.teamId}` })],
      ['admin', 200, () => ({ method: 'GET', path: '/v1/tasks' })],
    ],
  },
  {
    endpoint: 'GET /v1/tasks/{id}',
    cases: sameCall((ctx) => ({ method: 'GET', path: `/v1/tasks/${ctx.taskId}` }), [
      ['volunteer', 403], ['otherCoordinator', 404], ['coordinator', 200], ['admin', 200],
    ]),
  },
  {
    endpoint: 'POST /v1/tasks/{id}/assignments',
    cases: sameCall((ctx) => ({ method: 'POST', path: `/v1/tasks/${ctx.taskId}/assignments`, body: { volunteerIds: [ctx.volunteer] } }), [
      ['volunteer', 403], ['otherCoordinator', 404], ['coordinator', 200], ['admin', 200],
    ]),
  },
];

describe('who may call what: the role and ownership matrix of every endpoint', () => {
  let fx: VolunteersFixture;
  const tokens = new Map<Who, string>();
  const ids: Record<Who, string> = {
    anonymous: '',
    admin: 'admin-1',
    volunteer: uniqueId('vol'),
    otherVolunteer: uniqueId('vol-other'),
    coordinator: uniqueId('coord'),
    otherCoordinator: uniqueId('coord-other'),
    resident: uniqueId('res'),
  };
  const station = uniqueId('station');
  let ctx: Omit<Context, 'fresh'>;

  beforeAll(async () => {
    fx = await startVolunteers();
    const admin = await people.admin();
    const leaver = uniqueId('vol-leaver');
    await registerVolunteers(fx, [ids.volunteer, ids.otherVolunteer, leaver]);
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Lantern association', kind: 'lantern_association', villageId: 'lizhoujiao', stationId: station, coordinatorIds: [ids.coordinator] },
    });
    const teamId: string = team.body.id;
    tokens.set('admin', admin);
    tokens.set('volunteer', await people.volunteer(ids.volunteer));
    tokens.set('otherVolunteer', await people.volunteer(ids.otherVolunteer));
    tokens.set('coordinator', await people.coordinator(ids.coordinator, [teamId, station]));
    tokens.set('otherCoordinator', await people.coordinator(ids.otherCoordinator, [uniqueId('team'), uniqueId('station')]));
    tokens.set('resident', await tokenFor({ sub: ids.resident, roles: ['resident'] }));
    await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId: ids.volunteer } });
    await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId: leaver } });
    const activity = await fx.volunteers.http('POST', '/v1/activities', { token: admin, body: activityAt(station) });
    const spare = await fx.volunteers.http('POST', '/v1/activities', { token: admin, body: activityAt(station) });
    const grant = await fx.volunteers.http('POST', `/v1/volunteers/${ids.volunteer}/hours/grants`, { token: admin, body: { hours: 5, reason: 'Matrix set-up' } });
    const orderId = uniqueId('ord');
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === `task_${orderId}`);
    ctx = { volunteer: ids.volunteer, otherVolunteer: ids.otherVolunteer, teamId, station, activityId: activity.body.id, spareActivityId: spare.body.id, taskId: `task_${orderId}`, grantEntryId: grant.body.entryId, leaver };
  });
  afterAll(() => fx.stop());

  for (const row of MATRIX) {
    it(`${row.endpoint}: ${row.cases.map(([who, status]) => `${who} ${status}`).join(', ')}`, async () => {
      const seen: string[] = [];
      for (const [who, , call] of row.cases) {
        const { method, path, body } = call({ ...ctx, fresh: uniqueId('person') });
        // Self-registration cases act as a fresh person each time (a person registers once).
        const token = who === 'anonymous' ? undefined : row.endpoint === 'POST /v1/volunteers' && who === 'resident' ? await tokenFor({ sub: uniqueId('res'), roles: ['resident'] }) : tokens.get(who);
        const response = await fx.volunteers.http(method, path, { token, body });
        seen.push(`${who} ${response.status}`);
        if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      }
      expect(seen).toEqual(row.cases.map(([who, status]) => `${who} ${status}`));
    });
  }

  it('what a caller sees follows the same rules: the roster only for an activity’s managers, a coordinator’s task list only their teams', async () => {
    const asVolunteer = await fx.volunteers.http('GET', `/v1/activities/${ctx.activityId}`, { token: tokens.get('volunteer') });
    expect(asVolunteer.body.roster).toBeUndefined();
    expect(asVolunteer.body.waitlist).toBeUndefined();
    const asCoordinator = await fx.volunteers.http('GET', `/v1/activities/${ctx.activityId}`, { token: tokens.get('coordinator') });
    expect(asCoordinator.body.roster).toEqual(expect.arrayContaining([expect.objectContaining({ volunteerId: ctx.volunteer })]));
    const othersTasks = await fx.volunteers.http('GET', '/v1/tasks', { token: tokens.get('otherCoordinator') });
    expect(othersTasks.body.items).toEqual([]);
    const mine = await fx.volunteers.http('GET', '/v1/tasks', { token: tokens.get('coordinator') });
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(ctx.taskId);
  });

  it('the lists follow them too: a coordinator lists only their teams’ members, and member ids of a team show only to those who may read it', async () => {
    const idsIn = (page: { body: { items: { id: string }[] } }) => page.body.items.map((item) => item.id);
    expect(idsIn(await fx.volunteers.http('GET', '/v1/volunteers', { token: tokens.get('coordinator') }))).toEqual([ctx.volunteer]);
    expect(idsIn(await fx.volunteers.http('GET', '/v1/volunteers', { token: tokens.get('otherCoordinator') }))).toEqual([]);
    expect(idsIn(await fx.volunteers.http('GET', '/v1/volunteers', { token: tokens.get('admin') }))).toEqual(expect.arrayContaining([ctx.volunteer, ctx.otherVolunteer]));
    const teamAs = async (who: Who) => (await fx.volunteers.http('GET', '/v1/teams', { token: tokens.get(who) })).body.items.find((team: { id: string }) => team.id === ctx.teamId);
    for (const who of ['admin', 'coordinator', 'volunteer'] as Who[]) expect((await teamAs(who)).memberIds).toEqual([ctx.volunteer]);
    for (const who of ['otherVolunteer', 'otherCoordinator', 'resident'] as Who[]) {
      const team = await teamAs(who);
      expect(team.memberCount).toBe(1);
      expect(team.memberIds).toBeUndefined();
    }
    const activities = await fx.volunteers.http('GET', `/v1/activities?station=${ctx.station}`, { token: tokens.get('volunteer') });
    expect(activities.body.items.length).toBeGreaterThan(0);
    for (const item of activities.body.items) expect(item).not.toHaveProperty('roster');
  });

  it('the matrix covers every endpoint of the OpenAPI document, which is valid OpenAPI 3', async () => {
    const { errors, operations } = await documentedOperations(fx.volunteers.http);
    expect(errors).toEqual([]);
    expect(operations).toEqual([...new Set(MATRIX.map((row) => row.endpoint))].sort());
  });
});
