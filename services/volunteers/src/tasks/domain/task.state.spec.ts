import { VolunteerTaskAssignedV1, VolunteerTaskCreditRefusedV1, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { taskIdFor, taskReducer, TaskState } from './task.state';

const fold = (events: [string, Record<string, unknown>][], from: TaskState = taskReducer.initial()) =>
  events.reduce((state, [type, data]) => taskReducer.apply(state, { type, data } as StoredEvent), from);

describe("a team task's stream folded", () => {
  const opened = fold([
    [
      VolunteerTaskOpenedV1.type,
      { taskId: taskIdFor('ord_1'), orderId: 'ord_1', teamId: 'team-1', stationId: 'meisha-centre', serviceCode: 'home-visit', fulfilDeadline: '2026-02-01T00:00:00.000Z', openedAt: '2026-01-01T00:00:00.000Z' },
    ],
  ]);

  it('one task per order, opened for the team with nobody assigned', () => {
    expect(taskIdFor('ord_1')).toBe('task_ord_1');
    expect(opened).toMatchObject({ exists: true, id: 'task_ord_1', teamId: 'team-1', status: 'open', assignedVolunteerIds: [], refusedCredits: [] });
  });

  it('assignments add volunteers once each, and the task is then assigned', () => {
    const state = fold([[VolunteerTaskAssignedV1.type, { volunteerIds: ['vol-1', 'vol-2'] }], [VolunteerTaskAssignedV1.type, { volunteerIds: ['vol-2', 'vol-3'] }]], opened);
    expect(state).toMatchObject({ status: 'assigned', assignedVolunteerIds: ['vol-1', 'vol-2', 'vol-3'] });
  });

  it('a refused credit is kept with its hours and reason', () => {
    const state = fold([[VolunteerTaskCreditRefusedV1.type, { volunteerId: 'vol-9', hours: 2, reason: 'not_a_team_member' }]], opened);
    expect(state.refusedCredits).toEqual([{ volunteerId: 'vol-9', hours: 2, reason: 'not_a_team_member' }]);
  });

  it('before the task opens an assignment changes nothing', () => {
    const none = taskReducer.initial();
    expect(fold([[VolunteerTaskAssignedV1.type, { volunteerIds: ['vol-1'] }]], none)).toEqual(none);
  });
});
