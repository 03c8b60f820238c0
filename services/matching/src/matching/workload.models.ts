import { Connection, Model, Schema } from 'mongoose';

/**
 * The ledger of claims, one document per claimed order (`_id` = order id; an order has at most
 * one claim): inserted when a claim wins, marked `releasedAt` when the order is completed or
 * cancelled. Released ones stay, so a late retry of the claim finds the mark and cannot count
 * the order against the worker again. (The collection's name is older than the marks: it used
 * to hold only current work.) Every access is by `_id`, so its size costs nothing.
 */
export interface Assignment {
  _id: string;
  /** Absent on a release mark written for an order whose claim was never recorded. */
  socialWorkerId?: string;
  claimedAt?: Date;
  releasedAt?: Date | null;
}

/** One entry of a worker's current work: a claimed order not yet released. */
export interface ActiveOrder {
  orderId: string;
  claimedAt: Date;
}

/**
 * A worker's current work and last claim (`_id` = worker id): capacity and fairness, read by
 * `_id` when the worker is a candidate. `active` maps fieldKey(orderId) to the order.
 */
export interface WorkerWorkload {
  _id: string;
  active: Record<string, ActiveOrder>;
  lastClaimedAt: Date | null;
}

/** Who last served a resident (continuity). `_id` = resident id. */
export interface ResidentContinuity {
  _id: string;
  socialWorkerId: string;
  servedAt: Date;
}

const assignmentSchema = new Schema<Assignment>(
  { _id: { type: String, required: true }, socialWorkerId: String, claimedAt: Date, releasedAt: Date },
  { collection: 'active_assignments', versionKey: false },
);

const workloadSchema = new Schema<WorkerWorkload>(
  { _id: { type: String, required: true }, active: { type: Object, default: {} }, lastClaimedAt: Date },
  { collection: 'worker_workload', versionKey: false, minimize: false },
);

const continuitySchema = new Schema<ResidentContinuity>(
  { _id: { type: String, required: true }, socialWorkerId: { type: String, required: true }, servedAt: { type: Date, required: true } },
  { collection: 'resident_continuity', versionKey: false },
);

export const assignmentModel = (connection: Connection): Model<Assignment> =>
  (connection.models.Assignment as Model<Assignment>) ?? connection.model('Assignment', assignmentSchema);
export const workerWorkloadModel = (connection: Connection): Model<WorkerWorkload> =>
  (connection.models.WorkerWorkload as Model<WorkerWorkload>) ?? connection.model('WorkerWorkload', workloadSchema);
export const residentContinuityModel = (connection: Connection): Model<ResidentContinuity> =>
  (connection.models.ResidentContinuity as Model<ResidentContinuity>) ?? connection.model('ResidentContinuity', continuitySchema);
