import { ActivityCancelledV1, VolunteerTaskAssignedV1, VolunteerTaskOpenedV1, VolunteerTeamMemberAddedV1 } from '@lantern/contracts';
import { AggregateRepository, EventStore } from '@lantern/event-store';
import { waitFor } from '@lantern/testing';
import { activityAt, orderRouted, people, registerVolunteers, startVolunteers, uniqueId, VolunteersFixture } from '../../test/volunteers-fixture';
import { activityReducer } from '../activities/domain/activity.state';
import { taskReducer } from '../tasks/domain/task.state';
import { teamReducer } from '../teams/domain/team.state';

/**
 * "The process died between the append and the view write": the tests append through a bare
 * AggregateRepository — the event is stored and published exactly as the service would, but no
 * list document is written — and the list must still catch up from the event on Kafka.
 */
describe('list documents catch up with their streams after a writer died before writing them', () => {
  let fx: VolunteersFixture;
  let admin: string;
  let store: EventStore;

  beforeAll(async () => {
    fx = await startVolunteers();
    admin = await people.admin();
    store = fx.volunteers.app.get(EventStore);
  });
  afterAll(() => fx.stop());

  it('a member added without its team_views write shows in GET /v1/teams once the event is back', async () => {
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Lantern association', kind: 'lantern_association', villageId: 'xiahui', stationId: 'xiahui-centre', coordinatorIds: [] },
    });
    expect(team.status).toBe(201);
    const teamId: string = team.body.id;
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);

    await new AggregateRepository(store, teamReducer).execute(teamId, () => [
      { type: VolunteerTeamMemberAddedV1.type, data: { teamId, volunteerId, addedBy: 'admin-1', addedAt: new Date().toISOString() } },
    ]);

    const listed = await waitFor(
      async () => {
        const item = (await fx.volunteers.http('GET', '/v1/teams?village=xiahui&limit=100', { token: admin })).body.items.find((entry: { id: string }) => entry.id === teamId);
        return item?.memberCount === 1 ? item : undefined;
      },
      { timeoutMs: 20_000, description: 'the team list showing the new member' },
    );
    expect(listed.memberIds).toEqual([volunteerId]);
    expect((await fx.database.collection('team_views').findOne({ _id: teamId } as never))?.version).toBe(2);
  });

  it('a task assigned without its task_views write shows as assigned in the coordinator’s list', async () => {
    const coordinatorId = uniqueId('coord');
    const team = await fx.volunteers.http('POST', '/v1/teams', {
      token: admin,
      body: { name: 'Big sisters', kind: 'community_big_sisters', villageId: 'lizhoujiao', stationId: 'lizhoujiao-centre', coordinatorIds: [coordinatorId] },
    });
    const teamId: string = team.body.id;
    const coordinator = await people.coordinator(coordinatorId, [teamId]);
    const [volunteerId] = await registerVolunteers(fx, [uniqueId('vol')]);
    expect((await fx.volunteers.http('POST', `/v1/teams/${teamId}/members`, { token: admin, body: { volunteerId } })).status).toBe(200);
    const orderId = uniqueId('ord');
    await fx.publishOrderEvents([orderRouted(orderId, teamId)]);
    const taskId = `task_${orderId}`;
    await fx.probe.waitForEvent((event) => event.type === VolunteerTaskOpenedV1.type && event.subject === taskId);

    await new AggregateRepository(store, taskReducer).execute(taskId, () => [
      { type: VolunteerTaskAssignedV1.type, data: { taskId, orderId, teamId, volunteerIds: [volunteerId], assignedBy: coordinatorId, assignedAt: new Date().toISOString() } },
    ]);

    const task = await waitFor(
      async () => {
        const item = (await fx.volunteers.http('GET', `/v1/tasks?teamId=${teamId}`, { token: coordinator })).body.items.find((entry: { id: string }) => entry.id === taskId);
        return item?.status === 'assigned' ? item : undefined;
      },
      { timeoutMs: 20_000, description: 'the task list showing the assignment' },
    );
    expect(task.assignedVolunteerIds).toEqual([volunteerId]);
  });

  it('an activity called off without its activity_views write is listed as cancelled once the event is back', async () => {
    const station = uniqueId('station');
    const coordinator = await people.coordinator(uniqueId('coord'), [station]);
    const published = await fx.volunteers.http('POST', '/v1/activities', { token: coordinator, body: activityAt(station, { capacity: 3 }) });
    expect(published.status).toBe(201);
    const activityId: string = published.body.id;

    await new AggregateRepository(store, activityReducer).execute(activityId, () => [
      { type: ActivityCancelledV1.type, data: { activityId, reason: 'weather', volunteerIds: [], cancelledBy: 'admin-1', cancelledAt: new Date().toISOString() } },
    ]);

    const listed = await waitFor(
      async () => {
        const item = (await fx.volunteers.http('GET', `/v1/activities?station=${station}`, { token: coordinator })).body.items.find((entry: { id: string }) => entry.id === activityId);
        return item?.cancelledAt ? item : undefined;
      },
      { timeoutMs: 20_000, description: 'the activity list showing the cancellation' },
    );
    expect(listed.placesLeft).toBe(0);
  });
});
