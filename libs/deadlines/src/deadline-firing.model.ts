import { Connection, Model, Schema } from 'mongoose';

/**
 * A replica's claim to fire one deadline now: `{deadlineId}#{round}`. Inserting it is the claim
 * (the primary key lets one replica have each round). A claim older than the lease belongs to a
 * replica that died or hung; the next round may then be taken by another.
 */
export interface DeadlineFiring {
  _id: string;
  deadlineId: string;
  claimedAt: Date;
}

const schema = new Schema<DeadlineFiring>(
  {
    _id: { type: String, required: true },
    deadlineId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'deadline_firings', versionKey: false },
);
// Serves: clearing a deadline's claims when it is done or cancelled.
schema.index({ deadlineId: 1 });

export const deadlineFiringModel = (connection: Connection): Model<DeadlineFiring> =>
  (connection.models.DeadlineFiring as Model<DeadlineFiring>) ?? connection.model('DeadlineFiring', schema);
