import { APP_CONFIG } from '@lantern/config';
import { MONGO_CONNECTION } from '@lantern/http';
import { BeforeApplicationShutdown, Inject, Injectable, Optional } from '@nestjs/common';
import { Connection } from 'mongoose';
import type { NotificationsConfig } from '../notifications.config';
import { Generation, generationOf, keptGenerations } from './inbox-generations';
import { InboxEntry } from './inbox-entry.model';
import { InboxMessage } from './inbox-message.model';
import { Added, InboxStore } from './inbox-store';

export { Added, entryFieldsOf, inboxMessageId, messageOf } from './inbox-store';

/** Where a page of an inbox ended: a position of one generation's log; the next page starts below it. */
export interface InboxPosition {
  generation: Generation;
  below: number;
}

/** Where an SSE stream is: the last position it has looked at in the newest generation's log. */
export interface StreamPosition {
  generation: Generation;
  seen: number;
}

/** Inbox entries read per round of `_id` lookups when a whole inbox is read (a privacy request). */
const BATCH = 50;
const DEFAULT_KEEP_DAYS = 90;

const sumOf = (counts: { total: number; unread: number }[], field: 'total' | 'unread') => counts.reduce((sum, count) => sum + count[field], 0);

/**
 * Inboxes — a person's or a group's — kept NOTIFICATIONS_RETENTION_DAYS by generations
 * (inbox-generations.ts): each generation is a whole inbox store (InboxStore: a message log, a
 * read log, read marks and heads, all addressed by `_id`), and a message goes into the one of its
 * cause event's time, so storing an event's messages is still one insert into one store. Reading
 * an inbox reads the generations still kept, newest first: counts are their sums, pages walk from
 * one into the next, a message is found by `_id` in each. Expiring a generation is dropping its
 * collections (the RetentionSweeper), which takes its messages, reads and counts with it — the
 * logs of the generations kept are untouched, so their positions, counts and pages stay right.
 */
@Injectable()
export class InboxRepository implements BeforeApplicationShutdown {
  private readonly stores = new Map<string, InboxStore>();
  private readonly keepDays: number;
  /** Messages of causes before it are in the store kept before generations (InboxBackfill sets it at start-up). */
  private cutover = new Date(0);

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Optional() @Inject(APP_CONFIG) config?: NotificationsConfig,
  ) {
    this.keepDays = config?.NOTIFICATIONS_RETENTION_DAYS ?? DEFAULT_KEEP_DAYS;
  }

  /** Before the database closes: the inboxes' heads raised to where this replica left them (InboxStore.raiseHeadsToTaken). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.stores.values()].map((store) => store.raiseHeadsToTaken()));
  }

  /** From now on, messages of causes before `at` go to the store kept before generations. */
  useCutover(at: Date): void {
    this.cutover = at;
  }

  /** The store of one generation (null: the one kept before generations). */
  store(generation: Generation): InboxStore {
    const key = generation ?? '';
    let store = this.stores.get(key);
    if (!store) this.stores.set(key, (store = new InboxStore(this.connection, generation)));
    return store;
  }

  /** The stores still kept, newest first. */
  private kept(): InboxStore[] {
    return keptGenerations(new Date(), this.keepDays, this.cutover).map((generation) => this.store(generation));
  }

  /** Puts a message in its inbox, once (InboxStore.add), in the generation of `at` (its cause's time; default its creation). */
  async add(message: InboxMessage, at: Date = message.createdAt): Promise<Added> {
    const [added] = await this.addAll([message], at);
    return added;
  }

  /**
   * One event's messages, in the generation of `at` — the event's own time, the same for every copy
   * of it (default: the messages' creation, for a caller storing one copy): one insert when none
   * was there (InboxStore.addAll).
   */
  addAll(messages: InboxMessage[], at: Date = messages[0]?.createdAt ?? new Date()): Promise<Added[]> {
    return this.store(generationOf(at, this.cutover)).addAll(messages);
  }

  /** A message by id, in whichever kept generation holds it (one `_id` lookup in each, at once). */
  async findById(id: string): Promise<InboxMessage | null> {
    const stores = this.kept();
    const found = await Promise.all(stores.map((store) => store.findById(id)));
    const index = found.findIndex((message) => message !== null);
    return index === -1 ? null : { ...found[index]!, generation: stores[index].generation };
  }

  /** How many messages the inbox holds, and how many of them are unread: the sums over the kept generations. */
  async counts(inbox: string): Promise<{ total: number; unread: number }> {
    const counts = await Promise.all(this.kept().map((store) => store.counts(inbox)));
    return { total: sumOf(counts, 'total'), unread: sumOf(counts, 'unread') };
  }

  async unreadCount(inbox: string): Promise<number> {
    return (await this.counts(inbox)).unread;
  }

  /**
   * Up to `limit` messages newest first, from `from` on (the start: the newest), walking from one
   * generation's log into the one before; `next` is where the page after starts, null at the end.
   * With the inbox's unread count: each generation's counts are read first anyway (its log's length).
   */
  async page(inbox: string, limit: number, from?: InboxPosition): Promise<{ messages: InboxMessage[]; next: InboxPosition | null; unread: number }> {
    const stores = this.kept();
    const counts = await Promise.all(stores.map((store) => store.counts(inbox)));
    const unread = sumOf(counts, 'unread');
    const start = from ? stores.findIndex((store) => store.generation === from.generation) : 0;
    if (start === -1) return { messages: [], next: null, unread }; // the cursor's generation has expired
    const messages: InboxMessage[] = [];
    for (let index = start; index < stores.length; index += 1) {
      const below = Math.min(index === start && from ? from.below : Infinity, counts[index].total + 1);
      if (below <= 1) continue; // nothing (more) in this generation
      if (messages.length === limit) return { messages, next: { generation: stores[index].generation, below }, unread };
      const { messages: found, last } = await stores[index].page(inbox, below, limit - messages.length);
      messages.push(...found);
      if (messages.length === limit && last > 1) return { messages, next: { generation: stores[index].generation, below: last }, unread };
    }
    return { messages, next: null, unread };
  }

  /** Where a stream opening now starts: the end of the newest generation's log. */
  async streamStart(inbox: string): Promise<StreamPosition> {
    const store = this.kept()[0];
    return { generation: store.generation, seen: await store.entries.end(inbox) };
  }

  /**
   * The messages after a stream's position, oldest first (InboxStore.after). When a new
   * generation has begun, the stream moves on to it from its start. (A message of a cause from
   * before it, stored late in the generation before, reaches this replica's streams when stored
   * here, and the others' at the next page they read.)
   */
  async after(inbox: string, position: StreamPosition): Promise<{ messages: InboxMessage[]; position: StreamPosition }> {
    const newest = this.kept()[0];
    const from = newest.generation === position.generation ? position : { generation: newest.generation, seen: 0 };
    const { messages, last } = await newest.after(inbox, from.seen);
    return { messages, position: { generation: newest.generation, seen: last } };
  }

  /** Marks a message found by findById read, in its generation (InboxStore.markRead). */
  markRead(message: InboxMessage, now: Date): Promise<Date> {
    return this.store(message.generation ?? null).markRead(message, now);
  }

  /** Every entry of an inbox's kept generations, oldest first, in rounds of `_id` lookups (a privacy request). */
  async entriesOf(inbox: string): Promise<InboxEntry[]> {
    const entries: InboxEntry[] = [];
    for (const store of [...this.kept()].reverse()) {
      const end = await store.entries.end(inbox);
      for (let from = 1; from <= end; from += BATCH) {
        const positions = Array.from({ length: Math.min(BATCH, end - from + 1) }, (_, index) => from + index);
        const found = await store.entries.at(inbox, positions);
        entries.push(...found.filter((entry): entry is InboxEntry => entry !== null).map((entry) => ({ ...entry, generation: store.generation })));
      }
    }
    return entries;
  }

  /** The messages of every inbox about these subjects, oldest first: a scan of each kept generation, for a privacy export only. */
  async aboutSubjects(subjects: string[]): Promise<InboxEntry[]> {
    const found = await Promise.all(this.kept().map((store) => store.aboutSubjects(subjects)));
    return found.flat().sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Replaces a message's texts (an erasure) in the generation its entry was read from. */
  rewrite(entry: InboxEntry, texts: Pick<InboxMessage, 'title' | 'body'>): Promise<void> {
    const { generation, ...stored } = entry;
    return this.store(generation ?? null).rewrite(stored, texts);
  }
}
