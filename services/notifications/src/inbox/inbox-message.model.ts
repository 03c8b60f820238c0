import { Connection, Model, Schema } from 'mongoose';
import { generationModel } from './generation-model';
import { Generation } from './inbox-generations';

/**
 * One message in one recipient's in-app inbox, by its id: inserted first, so a redelivered event
 * collides here. The inbox lists it through its entry in the inbox's message log (InboxEntry).
 *
 * Stored in `inbox_entries`, beside the log entries (their `_id`s, `{inbox}#{n}`, never look like a
 * message id), so that a message and its entry are written by one insert command. Messages stored
 * before were in `inbox_messages`: InboxBackfill copies them over once, and reads by id still look
 * there for one an older replica stored during an upgrade.
 */
export interface InboxMessage {
  /** Derived from (event, recipient): a redelivered event collides instead of duplicating. */
  _id: string;
  recipientId: string;
  causeEventId: string;
  causeEventType: string;
  /** The aggregate the message is about (e.g. the order id), for deep links. */
  subject: string;
  locale: string;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
  /**
   * Where its entry in the inbox's message log is looked for (a PositionLog). Absent on messages
   * stored before inboxes had logs, until InboxBackfill gives them one.
   */
  claimFrom?: number;
  /** Given its place by InboxBackfill, which must see the same messages each time it runs. */
  backfilled?: boolean;
  /** The generation it was found in (InboxRepository.findById): not stored. */
  generation?: Generation;
}

const schema = new Schema<InboxMessage>(
  {
    _id: { type: String, required: true },
    recipientId: { type: String, required: true },
    causeEventId: { type: String, required: true },
    causeEventType: { type: String, required: true },
    subject: { type: String, required: true },
    locale: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    claimFrom: { type: Number },
    backfilled: { type: Boolean },
  },
  { collection: 'inbox_messages', versionKey: false },
);

/** Where messages are stored. */
export const inboxMessageModel = (connection: Connection, generation?: Generation): Model<InboxMessage> =>
  generationModel(connection, 'InboxMessageRecord', schema, 'inbox_entries', generation);

/** Where messages were stored before they moved beside their log entries (read, never written, but for `readAt`). */
export const legacyInboxMessageModel = (connection: Connection): Model<InboxMessage> =>
  (connection.models.InboxMessage as Model<InboxMessage>) ?? connection.model('InboxMessage', schema);
