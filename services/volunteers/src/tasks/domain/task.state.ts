import { EventData, HOURS_REFUSAL_REASONS, VolunteerTaskAssignedV1, VolunteerTaskCreditRefusedV1, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

/** What a task's stream collects, empty before it opens. */
interface TaskRecords {
  assignedVolunteerIds: string[];
  /** Participants of the completed order whose hours were not credited, and why. */
  refusedCredits: RefusedCredit[];
}

/** A stream with no task opened yet. */
export interface NoTask extends TaskRecords {
  exists: false;
}

export interface Task extends TaskRecords {
  exists: true;
  id: string;
  orderId: string;
  teamId: string;
  stationId: string;
  serviceCode: string;
  fulfilDeadline: string;
  status: 'open' | 'assigned';
  openedAt: string;
}

export type TaskState = NoTask | Task;

export interface RefusedCredit {
  volunteerId: string;
  hours: number;
  reason: (typeof HOURS_REFUSAL_REASONS)[number];
}

/** The task id is derived from the order id: one task per order routed to a team. */
export const taskIdFor = (orderId: string) => `task_${orderId}`;

export const taskReducer: Reducer<TaskState> = {
  initial: () => ({ exists: false, assignedVolunteerIds: [], refusedCredits: [] }),
  apply(state, event) {
    switch (event.type) {
      case VolunteerTaskOpenedV1.type: {
        const data = event.data as EventData<typeof VolunteerTaskOpenedV1>;
        return {
          assignedVolunteerIds: state.assignedVolunteerIds,
          refusedCredits: state.refusedCredits,
          exists: true,
          id: data.taskId,
          orderId: data.orderId,
          teamId: data.teamId,
          stationId: data.stationId,
          serviceCode: data.serviceCode,
          fulfilDeadline: data.fulfilDeadline,
          status: 'open',
          openedAt: data.openedAt,
        };
      }
      case VolunteerTaskAssignedV1.type: {
        const { volunteerIds } = event.data as EventData<typeof VolunteerTaskAssignedV1>;
        if (!state.exists) return state; // assigned only once opened
        return { ...state, status: 'assigned', assignedVolunteerIds: [...new Set([...state.assignedVolunteerIds, ...volunteerIds])] };
      }
      case VolunteerTaskCreditRefusedV1.type: {
        const { volunteerId, hours, reason } = event.data as EventData<typeof VolunteerTaskCreditRefusedV1>;
        return { ...state, refusedCredits: [...state.refusedCredits, { volunteerId, hours, reason }] };
      }
      default:
        return state;
    }
  },
};
