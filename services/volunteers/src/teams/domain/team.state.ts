import { EventData, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

export interface TeamState {
  exists: boolean;
  id: string;
  name: string;
  kind: string;
  villageId: string;
  stationId: string;
  coordinatorIds: string[];
  memberIds: string[];
  createdAt: string;
}

/** Folds a team's stream. The team's display name lives in `team_names` (it is not event data). */
export const teamReducer: Reducer<TeamState> = {
  initial: () => ({ exists: false, coordinatorIds: [], memberIds: [] }) as unknown as TeamState,
  apply(state, event) {
    switch (event.type) {
      case VolunteerTeamCreatedV1.type: {
        const data = event.data as EventData<typeof VolunteerTeamCreatedV1>;
        return {
          ...state,
          exists: true,
          id: data.teamId,
          kind: data.kind,
          villageId: data.villageId,
          stationId: data.stationId,
          coordinatorIds: data.coordinatorIds,
          createdAt: data.createdAt,
        };
      }
      case VolunteerTeamMemberAddedV1.type: {
        const { volunteerId } = event.data as EventData<typeof VolunteerTeamMemberAddedV1>;
        return state.memberIds.includes(volunteerId) ? state : { ...state, memberIds: [...state.memberIds, volunteerId] };
      }
      case VolunteerTeamMemberRemovedV1.type: {
        const { volunteerId } = event.data as EventData<typeof VolunteerTeamMemberRemovedV1>;
        return { ...state, memberIds: state.memberIds.filter((id) => id !== volunteerId) };
      }
      default:
        return state;
    }
  },
};
