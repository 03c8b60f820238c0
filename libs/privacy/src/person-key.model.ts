import { Connection, Model, Schema } from 'mongoose';

/** One person's data key in one service's database, wrapped under the service's master key. */
export interface PersonKeyDocument {
  /** The person's subject id: every lookup is by `_id`, and the insert of the first key arbitrates. */
  _id: string;
  /** Hex; also inside every value sealed under this key. */
  keyId: string;
  wrapped: string;
  createdAt: Date;
}

const schema = new Schema<PersonKeyDocument>(
  {
    _id: { type: String, required: true },
    keyId: { type: String, required: true },
    wrapped: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'person_keys', versionKey: false },
);

export const personKeyModel = (connection: Connection): Model<PersonKeyDocument> =>
  (connection.models.PersonKey as Model<PersonKeyDocument>) ?? connection.model('PersonKey', schema);
