import { VolunteerTaskOpenedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { NAME, orderRouted, people, PHONE, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

describe('DELETE /v1/teams/{id}/members/{volunteerId}', () => {
  let fx: VolunteersFixture;
  let admin: string;

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
  });
  afterAll(() => fx.stop());

  /** A team with a coordinator (token scoped to the team) and registered members. */
  async function teamOf(memberCount: number) {
    const coordinatorId = uniqueId('coord');
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Big sisters', kind: 'community_big_sisters', villageId: 'lizhoujiao', stationId: 'lizhoujiao-centre', coordinatorIds: [coordinatorId] },
    });
    expect(team.status).toBe(201);
    const teamId: string = team.body.id;
    const members = await registerVolunteers(fx, Array.from({ length: memberCount }, () => uniqueId('vol')));
    for (const volunteerId of members) {
      expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId } })).status).toBe(200);
    }
    return { teamId, members, coordinatorId, coordinator: await people.coordinator(coordinatorId, [teamId, 'lizhoujiao-centre']) };
  }

  const membersOf = async (teamId: string) => (await fx.volunteers.http('GET', `/v1/teams/${teamId}`, { token: admin })).body.memberIds;
  const listed = async (teamId: string) => (await fx.volunteers.http('GET', '/v1/teams', { token: admin })).body.items.find((item: { id: string }) => item.id === teamId);

  it('a coordinator takes a member off: the team, its list entry and one member-removed event show it; removing again appends nothing', async () => {
    const { teamId, members, coordinatorId, coordinator } = await teamOf(2);
    const [leaving, staying] = members;

    const removed = await fx.volunteers.http('DELETE', `/v1/teams/${teamId}/members/${leaving}`, { token: coordinator });
    expect(removed.status).toBe(204);
    expect(await membersOf(teamId)).toEqual([staying]);
    expect(await listed(teamId)).toMatchObject({ memberCount: 1, memberIds: [staying] });

    expect((await fx.volunteers.http('DELETE', `/v1/teams/${teamId}/members/${leaving}`, { token: coordinator })).status).toBe(204);
    // A later event on the same stream: once it is on the topic, anything the retry appended would be too.
    expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId: leaving } })).status).toBe(200);
    await fx.probe.waitForEvent((event) => event.type === VolunteerTeamMemberAddedV1.type && event.subject === teamId && (event.data as { version: number }).version === 5);

    const events = fx.eventsOf(teamId, VolunteerTeamMemberRemovedV1.type);
    expect(events.map((event) => event.data)).toEqual([{ teamId, version: 4, volunteerId: leaving, removedBy: coordinatorId, removedAt: expect.any(String) }]);
    for (const personal of [NAME, PHONE]) expect(JSON.stringify(events)).not.toContain(personal);
    expect(await membersOf(teamId)).toEqual([staying, leaving]);
  });

  it('a volunteer leaves on their own: they no longer read the team, and its coordinator can no longer assign them', async () => {
    const { teamId, members, coordinator } = await teamOf(2);
    const [leaver, other] = members;
    const leaverToken = await people.volunteer(leaver);
    expect((await fx.volunteers.http('GET', `/v1/teams/${teamId}`, { token: leaverToken })).status).toBe(200);

    expect((await fx.volunteers.http('DELETE', `/v1/teams/${teamId}/members/${leaver}`, { token: leaverToken })).status).toBe(204);
    expect((await fx.volunteers.http('GET', `/v1/teams/${teamId}`, { token: leaverToken })).status).toBe(404);

    const orderId = uniqueId('ord');
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === `task_${orderId}`);
    const assigned = await fx.volunteers.http('POST', `/v1/tasks/task_${orderId}/assignments`, { token: coordinator, body: { volunteerIds: [other, leaver] } });
    expect(assigned.status).toBe(422);
    expect(assigned.body.errors).toEqual([{ field: 'body.volunteerIds.1', message: `${leaver} is not a member of team ${teamId}` }]);
  });

  it('nobody else may take a member off, an unknown team is 404, and a refused call changes nothing', async () => {
    const { teamId, members } = await teamOf(2);
    const [first, second] = members;
    const outsiderCoordinator = await people.coordinator(uniqueId('coord'), [uniqueId('team'), 'lizhoujiao-centre']);
    const cases: [string, string, string | undefined, number][] = [
      ['another member', `/v1/teams/${teamId}/members/${second}`, await people.volunteer(first), 403],
      ['a coordinator of another team', `/v1/teams/${teamId}/members/${second}`, outsiderCoordinator, 403],
      ['a resident', `/v1/teams/${teamId}/members/${second}`, await people.resident(uniqueId('res')), 403],
      ['no token', `/v1/teams/${teamId}/members/${second}`, undefined, 401],
      ['an admin, unknown team', `/v1/teams/${uniqueId('team')}/members/${second}`, admin, 404],
      ['a stranger, unknown team', `/v1/teams/${uniqueId('team')}/members/${second}`, outsiderCoordinator, 404],
    ];
    const seen: [string, number][] = [];
    for (const [who, path, token] of cases) {
      const response = await fx.volunteers.http('DELETE', path, { token });
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      seen.push([who, response.status]);
    }
    expect(seen).toEqual(cases.map(([who, , , status]) => [who, status]));
    expect(await membersOf(teamId)).toEqual([first, second]);
  });
});
