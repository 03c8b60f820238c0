import { Connection, Model, Schema } from 'mongoose';

/**
 * Why an admin granted or corrected hours. Free text stays in this service (events carry the
 * entry id only); keyed by the entry id, so a retried grant writes the same note.
 */
export interface HoursNote {
  /** The ledger entry id. */
  _id: string;
  reason: string;
  createdAt: Date;
}

const schema = new Schema<HoursNote>(
  { _id: { type: String, required: true }, reason: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { collection: 'hours_notes', versionKey: false },
);

export const hoursNoteModel = (connection: Connection): Model<HoursNote> =>
  (connection.models.HoursNote as Model<HoursNote>) ?? connection.model('HoursNote', schema);
