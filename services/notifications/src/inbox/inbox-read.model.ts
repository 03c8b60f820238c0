import { Connection, Model, Schema } from 'mongoose';
import { generationModel } from './generation-model';
import { Generation } from './inbox-generations';
import { PositionLogEntry } from '@lantern/event-store';

/**
 * Position n of an inbox's read log: the n-th of its messages to be read (`key`, once each). An
 * inbox's unread count is the length of its message log less the length of its read log.
 */
export interface InboxRead extends PositionLogEntry {
  /** The inbox (as `log`): all entries written before the inbox used PositionLog carry it. */
  inbox: string;
  at: Date;
}

const schema = new Schema<InboxRead>(
  {
    _id: { type: String, required: true },
    log: { type: String },
    inbox: { type: String, required: true },
    n: { type: Number, required: true },
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'inbox_reads', versionKey: false },
);

export const inboxReadModel = (connection: Connection, generation?: Generation): Model<InboxRead> =>
  generationModel(connection, 'InboxRead', schema, 'inbox_reads', generation);
