import { EventData, VolunteerTaskAssignedV1, VolunteerTaskOpenedV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

export interface TaskState {
  exists: boolean;
  id: string;
  orderId: string;
  teamId: string;
  stationId: string;
  serviceCode: string;
  fulfilDeadline: string;
  status: 'open' | 'assigned';
  assignedVolunteerIds: string[];
  openedAt: string;
}

/** The task id is derived from the order id: one task per order routed to a team. */
export const taskIdFor = (orderId: string) => `task_${orderId}`;

export const taskReducer: Reducer<TaskState> = {
  initial: () => ({ exists: false, assignedVolunteerIds: [] }) as unknown as TaskState,
  apply(state, event) {
    switch (event.type) {
      case VolunteerTaskOpenedV1.type: {
        const data = event.data as EventData<typeof VolunteerTaskOpenedV1>;
        return {
          ...state,
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
        return { ...state, status: 'assigned', assignedVolunteerIds: [...new Set([...state.assignedVolunteerIds, ...volunteerIds])] };
      }
      default:
        return state;
    }
  },
};
