import { BoundedMap, isDuplicateKeyError } from '@lantern/event-store';
import { Model } from 'mongoose';
import { InboxHead } from './inbox-head.model';
import { InboxLogEntry, logEntryId } from './inbox-log-entry';

/** The head is written at every HEAD_EVERY-th position; readers look this many positions past it at once. */
const HEAD_EVERY = 4;
/** Inboxes whose end this replica remembers. */
const MEMO_CAPACITY = 20_000;

type EntryFields<E extends InboxLogEntry> = Omit<E, keyof InboxLogEntry>;

/**
 * One log per inbox — positions 1, 2, 3, … each an `_id` (`{inbox}#{n}`) — holding one entry per
 * key however often, and by however many replicas at once, a key is appended. FerretDB has no
 * atomic update, so nothing here is updated in place: a position is taken by inserting it (the
 * primary key decides), and the log's length is read from a head hint and a look past it.
 *
 * Appending a key starts at a position `claimFrom` recorded beforehand with the key (in the
 * message, in the read mark), looks at every position from there on in order — taking the first
 * free one, or stopping at the one the key already holds — and never skips one. So a second
 * append of the same key (a redelivery, another replica), starting where the first did, finds the
 * first one's position instead of taking another: whichever takes a position first, the other
 * reaches it. Positions are taken without gaps: `claimFrom` is never past the end.
 */
export class InboxLog<E extends InboxLogEntry> {
  /** The highest position this replica has seen taken, per inbox: where its next append starts. */
  private readonly seenEnd = new BoundedMap<string, number>(MEMO_CAPACITY);

  constructor(
    private readonly entries: Model<E>,
    private readonly heads: Model<InboxHead>,
    private readonly headField: 'entries' | 'reads',
  ) {}

  /**
   * Where a new key's append should start: just past the end this replica saw, or else just past
   * the head (one lookup; the append then steps over the few positions taken since).
   */
  async frontier(inbox: string): Promise<number> {
    const seen = this.seenEnd.get(inbox);
    if (seen !== undefined) return seen + 1;
    const head = await this.heads.findById(inbox).lean<InboxHead>();
    return (head?.[this.headField] ?? 0) + 1;
  }

  /** The position `key` holds in `inbox`'s log, taking the first free one from `claimFrom` if it holds none. */
  async append(inbox: string, key: string, claimFrom: number, fields: EntryFields<E>): Promise<number> {
    for (let n = claimFrom; ; n += 1) {
      try {
        await this.entries.collection.insertOne(this.document(inbox, n, key, fields) as never);
        await this.took(inbox, n);
        return n;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const holder = await this.entries.findById(logEntryId(inbox, n)).lean<E>();
      if (!holder) {
        n -= 1; // taken a moment ago yet not readable: look at the same position again, never past it
        continue;
      }
      this.saw(inbox, n);
      if (holder.key === key) return n;
    }
  }

  /**
   * The entry that takes position n for `key`, for a caller that inserts it together with other
   * documents of the same collection in one command — and then calls `took`, or `append` from n
   * if the insert stopped at it.
   */
  document(inbox: string, n: number, key: string, fields: EntryFields<E>): E {
    return { _id: logEntryId(inbox, n), inbox, n, key, ...fields } as unknown as E;
  }

  /** Position n was taken by inserting its `document`: remembered, and the head moved every HEAD_EVERY positions. */
  async took(inbox: string, n: number): Promise<void> {
    this.saw(inbox, n);
    if (n % HEAD_EVERY === 0) await this.heads.updateOne({ _id: inbox }, { $max: { [this.headField]: n } }, { upsert: true });
  }

  /** The entry `key` holds, looked for from `claimFrom` on; null when it holds none (yet). */
  async find(inbox: string, key: string, claimFrom: number): Promise<E | null> {
    for (let n = claimFrom; ; n += 1) {
      const entry = await this.entries.findById(logEntryId(inbox, n)).lean<E>();
      if (!entry || entry.key === key) return entry;
    }
  }

  /** The log's length: its head, then a look at the few positions past it, in parallel, until one is free. */
  async end(inbox: string): Promise<number> {
    const head = await this.heads.findById(inbox).lean<InboxHead>();
    return this.endFrom(inbox, head?.[this.headField] ?? 0);
  }

  /**
   * The log's length, from a head already read: the position past it first (free when the head is
   * current: one lookup), then the rest of the stretch up to where the next head would be, at once.
   */
  async endFrom(inbox: string, hint: number): Promise<number> {
    let end = hint;
    let stretch = 1;
    for (;;) {
      const taken = await Promise.all(Array.from({ length: stretch }, (_, offset) => this.entries.exists({ _id: logEntryId(inbox, end + 1 + offset) })));
      const free = taken.findIndex((found) => !found);
      if (free >= 0) {
        end += free;
        break;
      }
      end += stretch;
      stretch = HEAD_EVERY - (end % HEAD_EVERY) || HEAD_EVERY;
    }
    this.saw(inbox, end);
    return end;
  }

  /** The entries at these positions (null where there is none), by `_id` lookups in parallel. */
  at(inbox: string, positions: number[]): Promise<(E | null)[]> {
    return Promise.all(positions.map((n) => this.entries.findById(logEntryId(inbox, n)).lean<E>() as Promise<E | null>));
  }

  /** Sets fields of one entry, by `_id`: the entry's key is its only writer of them. */
  async set(entry: E, fields: Partial<EntryFields<E>>): Promise<void> {
    await this.entries.collection.updateOne({ _id: entry._id } as never, { $set: fields as never });
  }

  private saw(inbox: string, n: number): void {
    if ((this.seenEnd.get(inbox) ?? 0) < n) this.seenEnd.set(inbox, n);
  }
}
