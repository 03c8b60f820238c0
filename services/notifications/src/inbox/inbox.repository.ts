import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Connection, FilterQuery, Model } from 'mongoose';
import { InboxMessage, inboxMessageModel } from './inbox-message.model';

export const inboxMessageId = (eventId: string, recipientId: string) =>
  `msg_${createHash('sha256').update(`${eventId}\n${recipientId}`).digest('hex').slice(0, 32)}`;

@Injectable()
export class InboxRepository implements OnModuleInit {
  private readonly model: Model<InboxMessage>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = inboxMessageModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Returns false when the message was already there (a redelivery). */
  async add(message: InboxMessage): Promise<boolean> {
    try {
      await this.model.collection.insertOne(message as never);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  findById(id: string): Promise<InboxMessage | null> {
    return this.model.findById(id).lean<InboxMessage>();
  }

  async page(recipientId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<InboxMessage[]> {
    const filter: FilterQuery<InboxMessage> = { recipientId };
    if (before) filter.$or = [{ createdAt: { $lt: before.createdAt } }, { createdAt: before.createdAt, _id: { $lt: before.id } }];
    return this.model.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<InboxMessage[]>();
  }

  /**
   * Messages stored after a moment, oldest first: the SSE stream's fallback for messages another
   * replica stored. Served by the (recipientId, createdAt) index on MongoDB; a scan on FerretDB,
   * which is why the stream polls only every SSE_POLL_INTERVAL_MS.
   */
  newerThan(recipientId: string, after: Date, limit = 50): Promise<InboxMessage[]> {
    return this.model.find({ recipientId, createdAt: { $gt: after } }).sort({ createdAt: 1 }).limit(limit).lean<InboxMessage[]>();
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.model.countDocuments({ recipientId, readAt: null });
  }

  async markRead(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { readAt: at } });
  }
}
