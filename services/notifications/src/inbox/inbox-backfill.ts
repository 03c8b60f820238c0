import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { InboxMessage, inboxMessageModel } from './inbox-message.model';
import { entryFieldsOf, InboxRepository } from './inbox.repository';

const BACKFILL = 'message-logs';

interface BackfillDone {
  _id: string;
  at: Date;
}

const doneSchema = new Schema<BackfillDone>({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'inbox_backfills', versionKey: false });

/**
 * Messages stored before inboxes had logs have no place in one: at start-up — before this replica
 * serves a request or consumes an event — each is given its entry in its inbox's message log, in
 * the order they were stored, and each read one its read-log entry. Once per database: a finished
 * run leaves a mark, and every later start-up reads only that (one `_id` lookup).
 *
 * Replicas starting at once may run it side by side: each message's place is decided by its rank
 * among the messages to backfill (kept recognisable by `backfilled`), so both decide the same, and
 * the logs keep one entry per message whoever appends it (InboxLog).
 */
@Injectable()
export class InboxBackfill implements OnModuleInit {
  private readonly messages: Model<InboxMessage>;
  private readonly done: Model<BackfillDone>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly inbox: InboxRepository,
  ) {
    this.messages = inboxMessageModel(connection);
    this.done = (connection.models.InboxBackfillDone as Model<BackfillDone>) ?? connection.model('InboxBackfillDone', doneSchema);
  }

  async onModuleInit(): Promise<void> {
    if (await this.done.exists({ _id: BACKFILL })) return;
    // The one scan, once per database.
    const stored = await this.messages
      .find({ $or: [{ claimFrom: { $exists: false } }, { backfilled: true }] })
      .sort({ createdAt: 1, _id: 1 })
      .lean<InboxMessage[]>();
    const byInbox = new Map<string, InboxMessage[]>();
    for (const message of stored) byInbox.set(message.recipientId, [...(byInbox.get(message.recipientId) ?? []), message]);
    for (const [inbox, messages] of byInbox) await this.backfill(inbox, messages);
    try {
      await this.done.collection.insertOne({ _id: BACKFILL, at: new Date() } as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // another replica finished first
    }
  }

  private async backfill(inbox: string, messages: InboxMessage[]): Promise<void> {
    for (const [rank, message] of messages.entries()) {
      const claimFrom = message.claimFrom ?? rank + 1;
      if (message.claimFrom === undefined) await this.messages.updateOne({ _id: message._id }, { $set: { claimFrom, backfilled: true } });
      await this.inbox.entries.append(inbox, message._id, claimFrom, entryFieldsOf(message));
    }
    const read = messages.filter((message) => message.readAt).sort((a, b) => a.readAt!.getTime() - b.readAt!.getTime() || a._id.localeCompare(b._id));
    for (const [rank, message] of read.entries()) await this.inbox.recordRead(message, message.readAt!, rank + 1);
  }
}
