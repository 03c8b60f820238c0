import { APP_CONFIG } from '@lantern/config';
import { insertOnce, isDuplicateKeyError, retiredAfter, RetentionSweeper } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model, Schema } from 'mongoose';
import { InboxMessage, inboxMessageModel, legacyInboxMessageModel } from './inbox-message.model';
import type { NotificationsConfig } from '../notifications.config';
import { INBOX_COLLECTIONS } from './inbox-generations';
import { entryFieldsOf, InboxRepository } from './inbox.repository';

const BACKFILL = 'message-logs';
const MOVE = 'message-records';
/** When inboxes began to be kept by generations (InboxRepository): its `at` is the cutover. */
const GENERATIONS = 'generations';
/** Messages copied per insert command while moving them. */
const MOVE_BATCH = 500;

interface BackfillDone {
  _id: string;
  at: Date;
}

const doneSchema = new Schema<BackfillDone>({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { collection: 'inbox_backfills', versionKey: false });

/**
 * Two upgrades of inboxes stored by earlier versions, at start-up — before this replica serves a
 * request or consumes an event — each once per database: a finished run leaves a mark, and every
 * later start-up reads only that (one `_id` lookup each).
 *
 * 1. Messages stored before inboxes had logs have no place in one: each is given its entry in its
 *    inbox's message log, in the order they were stored, and each read one its read-log entry.
 *    Replicas starting at once may run it side by side: each message's place is decided by its
 *    rank among the messages to backfill (kept recognisable by `backfilled`), so both decide the
 *    same, and the logs keep one entry per message whoever appends it (PositionLog).
 * 2. Messages are stored beside their log entries now (InboxMessage): the ones in `inbox_messages`
 *    are copied there, so that an event handled before the upgrade and delivered again after it
 *    collides with its message as before, instead of putting it in the inbox a second time.
 *    Copies are inserted by `_id`: a second replica copying too collides and changes nothing.
 */
@Injectable()
export class InboxBackfill implements OnModuleInit {
  private readonly legacy: Model<InboxMessage>;
  private readonly messages: Model<InboxMessage>;
  private readonly done: Model<BackfillDone>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly inbox: InboxRepository,
    private readonly sweeper: RetentionSweeper,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.legacy = legacyInboxMessageModel(connection);
    this.messages = inboxMessageModel(connection);
    this.done = (connection.models.InboxBackfillDone as Model<BackfillDone>) ?? connection.model('InboxBackfillDone', doneSchema);
  }

  async onModuleInit(): Promise<void> {
    await this.once(BACKFILL, () => this.giveMessagesPlaces());
    await this.once(MOVE, () => this.moveMessages());
    const cutover = await this.cutover();
    this.inbox.useCutover(cutover);
    // The store before generations takes no message of a cause after the cutover: once the window
    // has passed since that day, the RetentionSweeper drops its collections.
    if (cutover.getTime() > 0) {
      const dropAt = retiredAfter(cutover, this.config.NOTIFICATIONS_RETENTION_DAYS);
      for (const name of [...INBOX_COLLECTIONS, 'inbox_messages']) this.sweeper.retire(name, dropAt);
    }
  }

  /**
   * 3. Inboxes are kept by generations now: the messages stored before stay where they are (the
   *    store before generations, read until their window has passed), and so do the messages of
   *    causes from before the first start of this version — an event handled before and delivered
   *    again after collides with its message there. A database without messages has no such store.
   *    Decided once (the first replica's mark stands), read at every start-up (one `_id` lookup).
   */
  private async cutover(): Promise<Date> {
    const marked = await this.done.findById(GENERATIONS).lean<BackfillDone>();
    if (marked) return marked.at;
    const before = (await this.messages.exists({})) ? new Date() : new Date(0);
    await insertOnce(this.done.collection, { _id: GENERATIONS, at: before });
    return (await this.done.findById(GENERATIONS).lean<BackfillDone>())?.at ?? before;
  }

  private async once(name: string, run: () => Promise<void>): Promise<void> {
    if (await this.done.exists({ _id: name })) return;
    await run();
    await insertOnce(this.done.collection, { _id: name, at: new Date() }); // false: another replica finished first
  }

  private async giveMessagesPlaces(): Promise<void> {
    // The one scan, once per database.
    const stored = await this.legacy
      .find({ $or: [{ claimFrom: { $exists: false } }, { backfilled: true }] })
      .sort({ createdAt: 1, _id: 1 })
      .lean<InboxMessage[]>();
    const byInbox = new Map<string, InboxMessage[]>();
    for (const message of stored) byInbox.set(message.recipientId, [...(byInbox.get(message.recipientId) ?? []), message]);
    for (const [inbox, messages] of byInbox) await this.backfill(inbox, messages);
  }

  private async moveMessages(): Promise<void> {
    let batch: InboxMessage[] = [];
    const copy = async () => {
      try {
        await this.messages.collection.insertMany(batch as never[], { ordered: false });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // copied already, by another replica
      }
      batch = [];
    };
    // The one scan, once per database.
    for await (const message of this.legacy.find().lean<InboxMessage>().cursor()) {
      batch.push(message as InboxMessage);
      if (batch.length === MOVE_BATCH) await copy();
    }
    if (batch.length > 0) await copy();
  }

  private async backfill(inbox: string, messages: InboxMessage[]): Promise<void> {
    for (const [rank, message] of messages.entries()) {
      const claimFrom = message.claimFrom ?? rank + 1;
      if (message.claimFrom === undefined) await this.legacy.updateOne({ _id: message._id }, { $set: { claimFrom, backfilled: true } });
      await this.inbox.store(null).entries.append(inbox, message._id, claimFrom, entryFieldsOf(message));
    }
    const read = messages.filter((message) => message.readAt).sort((a, b) => a.readAt!.getTime() - b.readAt!.getTime() || a._id.localeCompare(b._id));
    for (const [rank, message] of read.entries()) await this.inbox.store(null).recordRead(message, message.readAt!, rank + 1);
  }
}
