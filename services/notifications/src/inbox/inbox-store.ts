import { FERRETDB_INSERT_BATCH, insertInOrder, insertOnce, PositionLog, PositionLogHead, updateInBatches } from '@lantern/event-store';
import { createHash } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { InboxEntry, inboxEntryModel } from './inbox-entry.model';
import { Generation } from './inbox-generations';
import { InboxHead, inboxHeadModel } from './inbox-head.model';
import { InboxMessage, inboxMessageModel, legacyInboxMessageModel } from './inbox-message.model';
import { InboxReadMark, inboxReadMarkModel } from './inbox-read-mark.model';
import { InboxRead, inboxReadModel } from './inbox-read.model';

export const inboxMessageId = (eventId: string, recipientId: string) =>
  `msg_${createHash('sha256').update(`${eventId}\n${recipientId}`).digest('hex').slice(0, 32)}`;

/** A message as its inbox lists it. */
export const messageOf = (entry: InboxEntry): InboxMessage => ({
  _id: entry.key,
  recipientId: entry.inbox,
  causeEventId: entry.causeEventId,
  causeEventType: entry.causeEventType,
  subject: entry.subject,
  locale: entry.locale,
  title: entry.title,
  body: entry.body,
  createdAt: entry.createdAt,
  readAt: entry.readAt,
});

export const entryFieldsOf = ({ recipientId, causeEventId, causeEventType, subject, locale, title, body, createdAt, readAt }: InboxMessage) => ({
  inbox: recipientId,
  causeEventId,
  causeEventType,
  subject,
  locale,
  title,
  body,
  createdAt,
  readAt,
});

type StoredMessage = InboxMessage & { claimFrom: number };

/** Inboxes whose last position past their head a store keeps for its shutdown. */
const PAST_HEAD_CAPACITY = 20_000;

/** One event's messages waiting for the next insert. */
interface PendingAdd {
  messages: InboxMessage[];
  resolve: (added: Added[]) => void;
  reject: (error: unknown) => void;
}

/** `stored`: this call stored the message; otherwise `message` is the one stored first. */
export interface Added {
  message: InboxMessage;
  stored: boolean;
}

/**
 * The inboxes of one generation (InboxRepository reads the generations still kept). Inboxes — a
 * person's or a group's — addressed by `_id` only, so that what an inbox costs does not grow with
 * what other inboxes hold (FerretDB answers nothing else from an index):
 * - the message itself, by its id (inserted first, with its log entry: a redelivered event collides);
 * - the inbox's message log (a PositionLog of InboxEntry, in libs/event-store): position n is the n-th message, listed
 *   newest first by reading the last positions;
 * - the inbox's read log (a PositionLog of InboxRead): one entry per message read, first reader wins
 *   (InboxReadMark). Unread = message log length − read log length.
 */
export class InboxStore {
  private readonly messages: Model<InboxMessage>;
  /** Where messages were stored before they moved beside their entries: only the store before generations has them. */
  private readonly legacyMessages?: Model<InboxMessage>;
  private readonly marks: Model<InboxReadMark>;
  private readonly heads: Model<InboxHead>;
  private readonly entryDocuments: Model<InboxEntry>;
  readonly entries: PositionLog<InboxEntry>;
  readonly reads: PositionLog<InboxRead>;
  /**
   * Per inbox, the last position this store took (PositionLog raises an inbox's head at every
   * few positions only): raised into the heads at shutdown (raiseHeadsToTaken).
   */
  private readonly pastHead = new Map<string, number>();
  /** Events' messages waiting for the insert under way to end (group commit). */
  private readonly queue: PendingAdd[] = [];
  private flushing = false;

  constructor(
    connection: Connection,
    readonly generation: Generation,
  ) {
    this.messages = inboxMessageModel(connection, generation);
    if (generation === null) this.legacyMessages = legacyInboxMessageModel(connection);
    this.marks = inboxReadMarkModel(connection, generation);
    this.heads = inboxHeadModel(connection, generation);
    this.entryDocuments = inboxEntryModel(connection, generation);
    // One head document per inbox for both logs: each raises its own field.
    const heads = this.heads as unknown as Model<PositionLogHead>;
    this.entries = new PositionLog(this.entryDocuments, { heads, headField: 'entries' });
    this.reads = new PositionLog(inboxReadModel(connection, generation), { heads, headField: 'reads' });
  }

  /**
   * Puts a message in its inbox, once. `stored`: this call stored it; otherwise it was there (a
   * redelivery) — then its log entry is made sure of, in case the first call stopped short, and
   * `message` is the one stored first (its `createdAt` stands).
   */
  async add(message: InboxMessage): Promise<Added> {
    const [added] = await this.addAll([message]);
    return added;
  }

  /**
   * Puts one event's messages in their inboxes, once each (as `add`, in order). The messages of
   * the events this replica handles at the same moment (its consumer works on several partitions
   * at once) go in together: each message with its log entry at the position it claims from, all
   * in one ordered insert — one command for them all when nothing was there, and no two of them
   * racing for one inbox's position, since one insert hands the positions out in turn. See
   * `store` for what a collision does.
   */
  addAll(messages: InboxMessage[]): Promise<Added[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      // The events stored in this same turn of the event loop, or while an insert is under way, join the next insert.
      if (!this.flushing) {
        this.flushing = true;
        queueMicrotask(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.nextGroup();
        try {
          const added = await this.store(group.flatMap((pending) => pending.messages));
          let from = 0;
          for (const pending of group) {
            pending.resolve(added.slice(from, from + pending.messages.length));
            from += pending.messages.length;
          }
        } catch (error) {
          // Each event is handled again (retried by its consumer): every write is keyed, so nothing is stored twice.
          group.forEach((pending) => pending.reject(error));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The waiting events whose messages fit one FerretDB insert batch together (an event with more goes alone). */
  private nextGroup(): PendingAdd[] {
    const group = [this.queue.shift()!];
    let documents = group[0].messages.length * 2;
    while (this.queue.length > 0 && documents + this.queue[0].messages.length * 2 <= FERRETDB_INSERT_BATCH) {
      documents += this.queue[0].messages.length * 2;
      group.push(this.queue.shift()!);
    }
    return group;
  }

  /**
   * Messages with their log entries at the positions they claim from, in one ordered insert. The
   * insert stops at the first document that collides: a message already stored (a redelivery) or
   * a position another replica took; that message is finished the way `add` always did, and the
   * rest are inserted again together.
   */
  private async store(messages: InboxMessage[]): Promise<Added[]> {
    if (messages.length === 0) return [];
    const inboxes = [...new Set(messages.map((message) => message.recipientId))];
    const claims = new Map(await Promise.all(inboxes.map(async (inbox) => [inbox, await this.entries.frontier(inbox)] as const)));
    const stored: StoredMessage[] = messages.map((message) => {
      const claimFrom = claims.get(message.recipientId)!;
      claims.set(message.recipientId, claimFrom + 1);
      return { ...message, claimFrom };
    });
    const documents = stored.flatMap((message) => [message, this.entries.positionOf(message.recipientId, message.claimFrom, message._id, entryFieldsOf(message))]);
    const inserted = await insertInOrder(this.messages.collection, documents);
    const whole = Math.floor(inserted / 2); // messages stored with their entries
    for (const message of stored.slice(0, whole)) {
      await this.entries.took(message.recipientId, message.claimFrom);
      this.tookAt(message.recipientId, message.claimFrom);
    }
    const added: Added[] = stored.slice(0, whole).map((message) => ({ message, stored: true }));
    if (whole === stored.length) return added;
    const stopped = stored[whole];
    if (inserted % 2 === 1) {
      // The message is stored; its position was taken meanwhile: the next free one from there.
      this.tookAt(stopped.recipientId, await this.entries.append(stopped.recipientId, stopped._id, stopped.claimFrom, entryFieldsOf(stopped)));
      added.push({ message: stopped, stored: true });
    } else {
      added.push(await this.again(messages[whole]));
    }
    return [...added, ...(await this.store(messages.slice(whole + 1)))];
  }

  private tookAt(inbox: string, n: number): void {
    if ((this.pastHead.get(inbox) ?? 0) < n) this.pastHead.set(inbox, n);
    // Bounded: an inbox forgotten here costs its next reader a step or two past its head, as before.
    if (this.pastHead.size > PAST_HEAD_CAPACITY) this.pastHead.delete(this.pastHead.keys().next().value as string);
  }

  /**
   * Raises each inbox's head to the last position this store took (one command per 25 inboxes:
   * FerretDB 1.24 never answers an update command of 100 statements on existing documents, and
   * its database answers nothing after it — see updateInBatches), so that a replica started after
   * this one finds where the inboxes end from their heads, instead of stepping over the positions
   * past each head by a failed insert and a read each. Only a hint (`$max`): a write that fails
   * (two first upserts of one head crossing on FerretDB) is left.
   */
  async raiseHeadsToTaken(): Promise<void> {
    const taken = [...this.pastHead.entries()];
    this.pastHead.clear();
    if (taken.length === 0) return;
    await updateInBatches(
      this.heads,
      taken.map(([inbox, n]) => ({ updateOne: { filter: { _id: inbox }, update: { $max: { entries: n } }, upsert: true } })),
      { ordered: false },
    ).catch(() => undefined);
  }

  /** A message stored before (a redelivery): its log entry made sure of; the one stored first stands. */
  private async again(message: InboxMessage): Promise<Added> {
    const earlier = await this.findById(message._id);
    // Stored a moment ago yet not readable: the event is retried, and finds it then.
    if (!earlier) throw new Error(`inbox message ${message._id} collided but cannot be read yet`);
    await this.entries.append(earlier.recipientId, earlier._id, await this.claimFromOf(earlier), entryFieldsOf(earlier));
    return { message: earlier, stored: false };
  }

  /**
   * The messages of every inbox about these subjects (order ids…), oldest first, as their inboxes
   * list them: a scan of the collection (no `_id` leads to a subject), for a privacy export only —
   * never on a request or event path. The collection holds the messages beside their positions:
   * the positions (`n`) are what an inbox lists.
   */
  async aboutSubjects(subjects: string[]): Promise<InboxEntry[]> {
    const found: InboxEntry[] = [];
    for (let from = 0; from < subjects.length; from += 500) {
      const documents = await this.entryDocuments.find({ subject: { $in: subjects.slice(from, from + 500) } }).lean<InboxEntry[]>();
      found.push(...documents.filter((document) => typeof document.n === 'number').map((entry) => ({ ...entry, inbox: entry.inbox ?? entry.log })));
    }
    return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** A message by id: where messages are stored, else where they were stored before (InboxMessage). */
  async findById(id: string): Promise<InboxMessage | null> {
    return (await this.messages.findById(id).lean<InboxMessage>()) ?? (this.legacyMessages ? await this.legacyMessages.findById(id).lean<InboxMessage>() : null);
  }

  /** How many messages the inbox holds, and how many of them are unread. */
  async counts(inbox: string): Promise<{ total: number; unread: number }> {
    const head = await this.heads.findById(inbox).lean<InboxHead>();
    const [total, read] = await Promise.all([this.entries.endFrom(inbox, head?.entries ?? 0), this.reads.endFrom(inbox, head?.reads ?? 0)]);
    return { total, unread: Math.max(0, total - read) };
  }

  /** Up to `limit` messages at positions `below` − 1, `below` − 2, … (newest first). */
  async page(inbox: string, below: number, limit: number): Promise<{ messages: InboxMessage[]; last: number }> {
    const positions = Array.from({ length: Math.max(0, Math.min(limit, below - 1)) }, (_, index) => below - 1 - index);
    const entries = await this.entries.at(inbox, positions);
    return { messages: entries.filter((entry): entry is InboxEntry => entry !== null).map(messageOf), last: positions[positions.length - 1] ?? below };
  }

  /** The messages after position `after`, oldest first, as far as they go on without a gap (an SSE stream's poll). */
  async after(inbox: string, after: number, batch = 8): Promise<{ messages: InboxMessage[]; last: number }> {
    const [next] = await this.entries.at(inbox, [after + 1]); // an idle stream's poll: this one lookup
    if (!next) return { messages: [], last: after };
    const more = await this.entries.at(inbox, Array.from({ length: batch - 1 }, (_, index) => after + 2 + index));
    const gap = more.findIndex((entry) => !entry);
    const run = [next, ...(gap === -1 ? more : more.slice(0, gap))] as InboxEntry[];
    return { messages: run.map(messageOf), last: after + run.length };
  }

  /**
   * Records that a message was read at `at`, once: the first mark decides the time, the read
   * log gets one entry. Returns the time that stands.
   */
  async recordRead(message: Pick<InboxMessage, '_id' | 'recipientId'>, at: Date, claimFrom?: number): Promise<Date> {
    const inbox = message.recipientId;
    let mark: InboxReadMark = { _id: message._id, inbox, claimFrom: claimFrom ?? (await this.reads.frontier(inbox)), at };
    if (!(await insertOnce(this.marks.collection, mark))) mark = (await this.marks.findById(message._id).lean<InboxReadMark>()) ?? mark;
    await this.reads.append(inbox, message._id, mark.claimFrom, { inbox, at: mark.at });
    return mark.at;
  }

  /**
   * Marks a message read, once for everybody (a group message is read for the whole group): the
   * first reader's mark decides the time, the read log gets one entry, and the message and its
   * inbox entry show it. Returns the time it was read at.
   */
  async markRead(message: InboxMessage, now: Date): Promise<Date> {
    const at = await this.recordRead(message, now);
    const entry = await this.entries.find(message.recipientId, message._id, await this.claimFromOf(message));
    if (entry && !entry.readAt) await this.setOnEntry(entry, { readAt: at });
    await this.setOnMessage(message._id, { readAt: at });
    return at;
  }

  /**
   * Replaces a message's texts wherever they are kept (an erasure): its log entry, the message,
   * and the message as stored before it moved beside its entry (InboxBackfill copied it).
   */
  async rewrite(entry: InboxEntry, texts: Pick<InboxMessage, 'title' | 'body'>): Promise<void> {
    await this.setOnEntry(entry, texts);
    await this.messages.updateOne({ _id: entry.key }, { $set: texts });
    await this.legacyMessages?.updateOne({ _id: entry.key }, { $set: texts });
  }

  /**
   * Where a message's log entry is: from its `claimFrom`. A message stored without one after the
   * backfill (by a replica of the version before, during an upgrade) is given one now, recorded
   * before it is used.
   */
  private async claimFromOf(message: InboxMessage): Promise<number> {
    if (message.claimFrom !== undefined) return message.claimFrom;
    const claimFrom = await this.entries.frontier(message.recipientId);
    await this.setOnMessage(message._id, { claimFrom });
    return claimFrom;
  }

  /** Sets fields of one log entry, by `_id`: the entry's message is its only writer of them. */
  private async setOnEntry(entry: InboxEntry, fields: Partial<InboxEntry>): Promise<void> {
    await this.entryDocuments.collection.updateOne({ _id: entry._id } as never, { $set: fields });
  }

  /** Sets fields of a message where it is stored: where messages are, else where they were. */
  private async setOnMessage(id: string, fields: Partial<InboxMessage>): Promise<void> {
    const { matchedCount } = await this.messages.updateOne({ _id: id }, { $set: fields });
    if (matchedCount === 0) await this.legacyMessages?.updateOne({ _id: id }, { $set: fields });
  }
}
