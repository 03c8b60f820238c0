import { Connection, Model, Schema } from 'mongoose';

/**
 * One claimed, unfinished order: `_id` = order id (an order has at most one claim). Inserted when
 * a claim wins, deleted when the order is completed or cancelled — so the collection holds only
 * current work and a worker's load is a count over a small collection.
 */
export interface ActiveAssignment {
  _id: string;
  socialWorkerId: string;
  claimedAt: Date;
}

/** When a worker last won a claim (fairness). Last writer wins: both write "now". */
export interface WorkerStats {
  _id: string;
  lastClaimedAt: Date;
}

/** Who last served a resident (continuity). `_id` = resident id. */
export interface ResidentContinuity {
  _id: string;
  socialWorkerId: string;
  servedAt: Date;
}

const assignmentSchema = new Schema<ActiveAssignment>(
  { _id: { type: String, required: true }, socialWorkerId: { type: String, required: true }, claimedAt: { type: Date, required: true } },
  { collection: 'active_assignments', versionKey: false },
);
// Serves: loads of a station's roster (MongoDB; on FerretDB a scan of current work only).
assignmentSchema.index({ socialWorkerId: 1 });

const statsSchema = new Schema<WorkerStats>(
  { _id: { type: String, required: true }, lastClaimedAt: { type: Date, required: true } },
  { collection: 'worker_stats', versionKey: false },
);

const continuitySchema = new Schema<ResidentContinuity>(
  { _id: { type: String, required: true }, socialWorkerId: { type: String, required: true }, servedAt: { type: Date, required: true } },
  { collection: 'resident_continuity', versionKey: false },
);

export const activeAssignmentModel = (connection: Connection): Model<ActiveAssignment> =>
  (connection.models.ActiveAssignment as Model<ActiveAssignment>) ?? connection.model('ActiveAssignment', assignmentSchema);
export const workerStatsModel = (connection: Connection): Model<WorkerStats> =>
  (connection.models.WorkerStats as Model<WorkerStats>) ?? connection.model('WorkerStats', statsSchema);
export const residentContinuityModel = (connection: Connection): Model<ResidentContinuity> =>
  (connection.models.ResidentContinuity as Model<ResidentContinuity>) ?? connection.model('ResidentContinuity', continuitySchema);
