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
// No secondary index: claims are only ever read and deleted by `_id` (the rounds a replica took
// or walked past), never by `deadlineId`, which is kept for whoever reads the collection.

export const firingId = (deadlineId: string, round: number) => `${deadlineId}#${round}`;

export const deadlineFiringModel = (connection: Connection): Model<DeadlineFiring> =>
  (connection.models.DeadlineFiring as Model<DeadlineFiring>) ?? connection.model('DeadlineFiring', schema);
