import { VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { teamReducer, TeamState } from './team.state';

const fold = (events: [string, Record<string, unknown>][], from: TeamState = teamReducer.initial()) =>
  events.reduce((state, [type, data]) => teamReducer.apply(state, { type, data } as StoredEvent), from);

describe("a team's stream folded", () => {
  const created = fold([
    [VolunteerTeamCreatedV1.type, { teamId: 'team-1', kind: 'lantern_association', villageId: 'meisha', stationId: 'meisha-centre', coordinatorIds: ['coord-1'], createdAt: '2026-01-01T00:00:00.000Z' }],
  ]);

  it('starts as no team; creation gives it its place and coordinators, and no members', () => {
    expect(teamReducer.initial()).toMatchObject({ exists: false, memberIds: [] });
    expect(created).toMatchObject({ exists: true, id: 'team-1', stationId: 'meisha-centre', coordinatorIds: ['coord-1'], memberIds: [] });
  });

  it('members join in order, once each however often the event is folded, and leave', () => {
    const added = (volunteerId: string) => [VolunteerTeamMemberAddedV1.type, { volunteerId }] as [string, Record<string, unknown>];
    const state = fold([added('vol-1'), added('vol-2'), added('vol-1')], created);
    expect(state.memberIds).toEqual(['vol-1', 'vol-2']);
    expect(fold([[VolunteerTeamMemberRemovedV1.type, { volunteerId: 'vol-1' }]], state).memberIds).toEqual(['vol-2']);
    expect(fold([[VolunteerTeamMemberRemovedV1.type, { volunteerId: 'vol-9' }]], state).memberIds).toEqual(['vol-1', 'vol-2']);
  });
});
