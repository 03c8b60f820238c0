import { Connection, Model, Schema } from 'mongoose';
import { RefusedCredit, TaskState } from './domain/task.state';

/** Read model behind `GET /v1/tasks`: the latest state of each task, written after each append to its stream. */
export interface TaskView {
  /** The task id. */
  _id: string;
  orderId: string;
  teamId: string;
  stationId: string;
  serviceCode: string;
  status: string;
  assignedVolunteerIds: string[];
  refusedCredits: RefusedCredit[];
  fulfilDeadline: Date;
  openedAt: Date;
  version: number;
}

const schema = new Schema<TaskView>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    teamId: { type: String, required: true },
    stationId: { type: String, required: true },
    serviceCode: { type: String, required: true },
    status: { type: String, required: true },
    assignedVolunteerIds: { type: [String], required: true },
    refusedCredits: { type: [Object], default: [] },
    fulfilDeadline: { type: Date, required: true },
    openedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'task_views', versionKey: false },
);
// Serves: a coordinator's task list for their teams, newest first (FerretDB scans; read-model sized).
schema.index({ teamId: 1, openedAt: -1 });

export const taskViewModel = (connection: Connection): Model<TaskView> =>
  (connection.models.TaskView as Model<TaskView>) ?? connection.model('TaskView', schema);

/** The list document of a task as its stream stands at `version`. */
export function taskView(state: TaskState, version: number): TaskView | null {
  if (!state.exists) return null;
  const { orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, refusedCredits, fulfilDeadline, openedAt } = state;
  return { _id: state.id, orderId, teamId, stationId, serviceCode, status, assignedVolunteerIds, refusedCredits, fulfilDeadline: new Date(fulfilDeadline), openedAt: new Date(openedAt), version };
}
