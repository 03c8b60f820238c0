import { TOPICS, VolunteerHoursCreditedV1, VolunteerLevelReachedV1, VolunteerTaskAssignedV1, VolunteerTaskCreditRefusedV1, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { waitFor } from '@lantern/testing';
import { orderCompleted, orderCompletedConfidential, orderRouted, people, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../../../test/volunteers-fixture';

describe('a volunteer team fulfils an order', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let coordinator: string;
  let teamId: string;
  let sister: string;
  let neighbour: string;
  const coordinatorId = uniqueId('coord');

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: '黎洲角社区好大姐', kind: 'community_big_sisters', villageId: 'lizhoujiao', stationId: 'lizhoujiao-centre', coordinatorIds: [coordinatorId] },
    });
    expect(team.status).toBe(201);
    teamId = team.body.id;
    coordinator = await people.coordinator(coordinatorId, [teamId]);
    [sister, neighbour] = await registerVolunteers(fx, [uniqueId('sister'), uniqueId('neighbour')]);
    for (const volunteerId of [sister, neighbour]) {
      expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: coordinator, body: { volunteerId } })).status).toBe(200);
    }
  });
  afterAll(() => fx.stop());

  it('routed → a task for the coordinator → members assigned → completed three times: each participant credited once, and crossing 100 h publishes one level-reached', async () => {
    // The sister already has 96 honour hours; this order's 5 hours take her past 100.
    const grant = await fx.volunteers.http('POST', `/v1/volunteers/${sister}/hours/grants`, { token: admin, body: { hours: 96, reason: 'Years of visits before the ledger existed' } });
    expect(grant.status).toBe(201);
    expect((await fx.volunteers.http('GET', `/v1/volunteers/${sister}`, { token: admin })).body).toMatchObject({ totalHours: 96, stars: 0, nextLevelAtHours: 100 });

    const orderId = uniqueId('ord');
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    const task = await waitFor(
      async () => (await fx.volunteers.http('GET', '/v1/tasks', { token: coordinator })).body.items?.find((item: { orderId: string }) => item.orderId === orderId),
      { description: 'the task in the coordinator’s list' },
    );
    expect(task).toMatchObject({ id: `task_${orderId}`, teamId, status: 'open', serviceCode: 'home-visit' });
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === task.id);

    const assigned = await fx.volunteers.http('POST', `/v1/tasks/${task.id}/assignments`, { token: coordinator, body: { volunteerIds: [sister, neighbour] } });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedVolunteerIds: [sister, neighbour] });
    const assignedEvent = await fx.probe.waitForEvent((event) => event.type === VolunteerTaskAssignedV1.type && event.subject === task.id);
    expect(assignedEvent.data).toMatchObject({ orderId, teamId, volunteerIds: [sister, neighbour], assignedBy: coordinatorId });

    // Delivered three times: the same record twice, and once re-emitted under a new event id.
    const completed = orderCompleted(orderId, teamId, [
      { personId: sister, hours: 5 },
      { personId: neighbour, hours: 3.5 },
    ]);
    const reemitted = { ...completed, id: `${completed.id}-again` };
    await fx.publishOrderEvents([completed, completed, reemitted]);

    await waitFor(async () => (await fx.volunteers.http('GET', `/v1/volunteers/${neighbour}/hours`, { token: admin })).body.totals?.total === 3.5, {
      description: 'the neighbour’s hours from the order',
    });
    // Every delivery handled (the handler keeps no processed-message record: its credits are
    // exactly-once by their ids): the record twice and the re-emitted one, none of them failed.
    await fx.handled(TOPICS.orders, completed.id, 2);
    await fx.handled(TOPICS.orders, reemitted.id);

    const statement = await fx.volunteers.http('GET', `/v1/volunteers/${sister}/hours`, { token: await people.volunteer(sister) });
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ totals: { orders: 5, grants: 96, attendance: 0, corrections: 0, total: 101 }, stars: 1, nextLevelAtHours: 300 });
    expect(statement.body.entries.filter((entry: { sourceType: string }) => entry.sourceType === 'order')).toEqual([
      expect.objectContaining({ entryId: `hours:${sister}:order:${orderId}`, sourceId: orderId, hours: 5, correctsEntryId: null }),
    ]);
    expect((await fx.volunteers.http('GET', `/v1/volunteers/${neighbour}/hours`, { token: admin })).body.entries).toHaveLength(1);

    // A later event on the sister's stream (same partition) marks the point by which any
    // duplicate credit or level event would have reached the topic.
    await fx.volunteers.http('POST', `/v1/volunteers/${sister}/hours/grants`, { token: admin, body: { hours: 1, reason: 'Marker grant after the order' } });
    await waitFor(() => fx.eventsOf(sister, VolunteerHoursCreditedV1.type).length >= 3, { description: 'the marker grant on Kafka' });
    const credits = fx.eventsOf(sister, VolunteerHoursCreditedV1.type).map((event) => event.data as { sourceType: string; sourceId: string; totalHours: number });
    expect(credits.map(({ sourceType, totalHours }) => [sourceType, totalHours])).toEqual([
      ['grant', 96],
      ['order', 101],
      ['grant', 102],
    ]);
    const levels = fx.eventsOf(sister, VolunteerLevelReachedV1.type);
    expect(levels).toHaveLength(1);
    expect(levels[0].data).toMatchObject({ volunteerId: sister, stars: 1, thresholdHours: 100, totalHours: 101 });
    expect(fx.eventsOf(neighbour, VolunteerLevelReachedV1.type)).toHaveLength(0);
  });

  it('a confidential service\'s order the team completed credits its participants too, from completed-confidential', async () => {
    const orderId = uniqueId('ord');
    const before = (await fx.volunteers.http('GET', `/v1/volunteers/${neighbour}/hours`, { token: admin })).body.totals.total as number;
    await fx.publishOrderEvents([orderCompletedConfidential(orderId, teamId, [{ personId: neighbour, hours: 2 }])]);
    await waitFor(async () => (await fx.volunteers.http('GET', `/v1/volunteers/${neighbour}/hours`, { token: admin })).body.totals?.total === before + 2, {
      description: 'the neighbour’s hours from the confidential order',
    });
    const entries = (await fx.volunteers.http('GET', `/v1/volunteers/${neighbour}/hours`, { token: admin })).body.entries as { sourceId: string }[];
    expect(entries.filter((entry) => entry.sourceId === orderId)).toHaveLength(1);
  });

  it('hours go only to members of the routed team or volunteers assigned to its task; anyone else named is refused with a reason, once', async () => {
    const [outsider, leaver] = await registerVolunteers(fx, [uniqueId('outsider'), uniqueId('leaver')]);
    const stranger = uniqueId('stranger'); // not even registered
    expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: coordinator, body: { volunteerId: leaver } })).status).toBe(200);
    const orderId = uniqueId('ord');
    const taskId = `task_${orderId}`;
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === taskId);
    // The leaver is assigned, then leaves the team before the order is done: named on the task, still credited.
    expect((await fx.volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: coordinator, body: { volunteerIds: [leaver] } })).status).toBe(200);
    expect((await fx.volunteers.http('DELETE', `/v1/teams/${teamId}/members/${leaver}`, { token: coordinator })).status).toBe(204);

    const completed = orderCompleted(orderId, teamId, [
      { personId: neighbour, hours: 2 },
      { personId: leaver, hours: 2 },
      { personId: outsider, hours: 2 },
      { personId: stranger, hours: 2 },
    ]);
    await fx.publishOrderEvents([completed, completed]);
    await fx.handled(TOPICS.orders, completed.id, 2);

    const task = await fx.volunteers.http('GET', `/v1/tasks/${taskId}`, { token: coordinator });
    expect(task.body.refusedCredits).toEqual([
      { volunteerId: outsider, hours: 2, reason: 'not_a_team_member' },
      { volunteerId: stranger, hours: 2, reason: 'not_a_team_member' },
    ]);
    const orderHours = async (volunteerId: string) =>
      ((await fx.volunteers.http('GET', `/v1/volunteers/${volunteerId}/hours`, { token: admin })).body.entries as { sourceId: string; hours: number }[])
        .filter((entry) => entry.sourceId === orderId)
        .map((entry) => entry.hours);
    expect(await orderHours(neighbour)).toEqual([2]);
    expect(await orderHours(leaver)).toEqual([2]);
    expect(await orderHours(outsider)).toEqual([]);
    // Each refusal is an event on the task's stream, once although the completion came twice.
    const refusals = fx.eventsOf(taskId, VolunteerTaskCreditRefusedV1.type).map((event) => (event.data as { volunteerId: string }).volunteerId);
    expect(refusals.sort()).toEqual([outsider, stranger].sort());
    // The task list shows the same.
    const listed = (await fx.volunteers.http('GET', `/v1/tasks?teamId=${teamId}`, { token: coordinator })).body.items.find((item: { id: string }) => item.id === taskId);
    expect(listed.refusedCredits).toHaveLength(2);
  });

  it('an order routed to another kind of fulfiller, or to a team unknown here, opens no task', async () => {
    const elsewhere = uniqueId('ord');
    const unknownTeam = uniqueId('ord');
    const mine = uniqueId('ord');
    const committee = orderRouted(elsewhere, teamId);
    (committee.data as { fulfiller: object }).fulfiller = { type: 'committee', id: 'lizhoujiao-committee' };
    await fx.publishOrderEvents([committee, orderRouted(unknownTeam, 'team_not_here'), orderRouted(mine, teamId)]);
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === `task_${mine}`);
    // The opened event is published by the append, before the task list's document is written: wait for the list.
    const tasks = await waitFor(
      async () => {
        const orderIds = (await fx.volunteers.http('GET', `/v1/tasks?teamId=${teamId}`, { token: coordinator })).body.items.map((item: { orderId: string }) => item.orderId);
        return orderIds.includes(mine) && orderIds;
      },
      { description: `task_${mine} in the team's task list` },
    );
    expect(tasks).not.toContain(elsewhere);
    expect((await fx.volunteers.http('GET', `/v1/tasks/task_${unknownTeam}`, { token: admin })).status).toBe(404);
  });

  it('only members of the task’s team can be assigned, and only by its coordinators or admins', async () => {
    const orderId = uniqueId('ord');
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    const taskId = `task_${orderId}`;
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === taskId);
    const [outsider] = await registerVolunteers(fx, [uniqueId('outsider')]);
    const notMember = await fx.volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: coordinator, body: { volunteerIds: [outsider] } });
    expect(notMember.status).toBe(422);
    expect(notMember.body.errors).toEqual([{ field: 'body.volunteerIds.0', message: `${outsider} is not a member of team ${teamId}` }]);
    const otherCoordinator = await people.coordinator(uniqueId('coord'), ['team_other']);
    expect((await fx.volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: otherCoordinator, body: { volunteerIds: [sister] } })).status).toBe(404);
    expect((await fx.volunteers.http('GET', `/v1/tasks/${taskId}`, { token: otherCoordinator })).status).toBe(404);
    expect((await fx.volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: await people.volunteer(sister), body: { volunteerIds: [sister] } })).status).toBe(403);
    expect((await fx.volunteers.http('POST', `/v1/tasks/${taskId}/assignments`, { token: admin, body: { volunteerIds: [sister] } })).status).toBe(200);
  });
});
