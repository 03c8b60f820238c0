import { Connection, Model, Schema } from 'mongoose';

/**
 * One message in one recipient's in-app inbox, by its id: inserted first, so a redelivered event
 * collides here. The inbox lists it through its entry in the inbox's message log (InboxEntry).
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
   * Where its entry in the inbox's message log is looked for (see InboxLog). Absent on messages
   * stored before inboxes had logs, until InboxBackfill gives them one.
   */
  claimFrom?: number;
  /** Given its place by InboxBackfill, which must see the same messages each time it runs. */
  backfilled?: boolean;
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

export const inboxMessageModel = (connection: Connection): Model<InboxMessage> =>
  (connection.models.InboxMessage as Model<InboxMessage>) ?? connection.model('InboxMessage', schema);
