import { Connection, Model, Schema } from 'mongoose';
import { generationModel } from './generation-model';
import { Generation } from './inbox-generations';

/**
 * That a message was read, and when: inserted by whoever reads it first (the primary key decides
 * between two members of a group reading at once). `claimFrom` is where its read-log entry is
 * looked for, so that reading it again never appends a second one.
 */
export interface InboxReadMark {
  /** The message's id. */
  _id: string;
  inbox: string;
  claimFrom: number;
  at: Date;
}

const schema = new Schema<InboxReadMark>(
  {
    _id: { type: String, required: true },
    inbox: { type: String, required: true },
    claimFrom: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'inbox_read_marks', versionKey: false },
);

export const inboxReadMarkModel = (connection: Connection, generation?: Generation): Model<InboxReadMark> =>
  generationModel(connection, 'InboxReadMark', schema, 'inbox_read_marks', generation);
