import { Connection, Model, Schema } from 'mongoose';

/** A social worker on the roster. `_id` is the worker's subject id (the `sub` of their token). */
export interface SocialWorker {
  _id: string;
  name: string;
  /** Service categories they are qualified for. */
  skills: string[];
  /** Stations they cover. */
  stations: string[];
  /** How many claimed, unfinished orders they can carry at once. */
  capacity: number;
  /** On the roster at all (false: left, retired). */
  active: boolean;
  /** Takes new work right now (false: on leave, training). */
  available: boolean;
  /** Station supervisors receive escalations instead of offers. */
  supervisor: boolean;
  updatedAt: Date;
  updatedBy: string;
}

const schema = new Schema<SocialWorker>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    skills: { type: [String], required: true },
    stations: { type: [String], required: true },
    capacity: { type: Number, required: true },
    active: { type: Boolean, required: true },
    available: { type: Boolean, required: true },
    supervisor: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'social_workers', versionKey: false },
);
// No secondary index: the roster is read whole into memory (SocialWorkersRepository), never queried by field.

export const socialWorkerModel = (connection: Connection): Model<SocialWorker> =>
  (connection.models.SocialWorker as Model<SocialWorker>) ?? connection.model('SocialWorker', schema);
