import { Connection, Model, Schema } from 'mongoose';
import { generationModel } from './generation-model';
import { Generation } from './inbox-generations';

/**
 * Where an inbox's logs ended, more or less: written every few entries, so a reader looks at the
 * few positions past it rather than from the start. Only a hint — a position at or below it is
 * taken, nothing more — so racing writers need not agree on it.
 */
export interface InboxHead {
  /** The inbox: a recipient id or a group inbox id. */
  _id: string;
  entries?: number;
  reads?: number;
}

const schema = new Schema<InboxHead>(
  {
    _id: { type: String, required: true },
    entries: { type: Number },
    reads: { type: Number },
  },
  { collection: 'inbox_heads', versionKey: false },
);

export const inboxHeadModel = (connection: Connection, generation?: Generation): Model<InboxHead> =>
  generationModel(connection, 'InboxHead', schema, 'inbox_heads', generation);
