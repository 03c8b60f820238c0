import { EventData, VolunteerTeamCreatedV1, VolunteerTeamMemberAddedV1, VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

/** Who a team's stream names: none before its creation, so "is a member" asks nothing more. */
interface TeamPeople {
  coordinatorIds: string[];
  memberIds: string[];
}

/** A stream with no creation yet. */
export interface NoTeam extends TeamPeople {
  exists: false;
}

export interface Team extends TeamPeople {
  exists: true;
  id: string;
  kind: string;
  villageId: string;
  stationId: string;
  createdAt: string;
}

export type TeamState = NoTeam | Team;

/** Folds a team's stream. The team's display name lives in `team_names` (it is not event data). */
export const teamReducer: Reducer<TeamState> = {
  initial: () => ({ exists: false, coordinatorIds: [], memberIds: [] }),
  apply(state, event) {
    switch (event.type) {
      case VolunteerTeamCreatedV1.type: {
        const data = event.data as EventData<typeof VolunteerTeamCreatedV1>;
        return {
          memberIds: state.memberIds,
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
