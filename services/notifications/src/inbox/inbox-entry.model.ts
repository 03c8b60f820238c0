import { Connection, Model, Schema } from 'mongoose';
import { generationModel } from './generation-model';
import { Generation } from './inbox-generations';
import { PositionLogEntry } from '@lantern/event-store';

/**
 * A message's place in its inbox, as the inbox lists it: position n of the inbox's message log
 * (a PositionLog whose `log` is the inbox; `inbox` says the same, and is all entries written
 * before the inbox used PositionLog carry),
 * with a copy of the message (and its `readAt`), so that a page of the inbox is a few `_id`
 * lookups whatever else the collection holds. `key` is the message's id.
 */
export interface InboxEntry extends PositionLogEntry {
  inbox: string;
  causeEventId: string;
  causeEventType: string;
  subject: string;
  locale: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  /** The generation it was read from (InboxRepository): not stored. */
  generation?: Generation;
}

const schema = new Schema<InboxEntry>(
  {
    _id: { type: String, required: true },
    log: { type: String },
    inbox: { type: String, required: true },
    n: { type: Number, required: true },
    key: { type: String, required: true },
    causeEventId: { type: String, required: true },
    causeEventType: { type: String, required: true },
    subject: { type: String, required: true },
    locale: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { collection: 'inbox_entries', versionKey: false },
);

export const inboxEntryModel = (connection: Connection, generation?: Generation): Model<InboxEntry> =>
  generationModel(connection, 'InboxEntry', schema, 'inbox_entries', generation);
