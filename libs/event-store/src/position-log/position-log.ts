import { Model } from 'mongoose';
import { BoundedMap } from '../bounded-map';
import { isDuplicateKeyError } from '../errors';

/** What every entry of a position log carries: where in which log, and the key it holds. */
export interface PositionLogEntry {
  /** `{log}#{n}`: reading position n of a log is an `_id` lookup. */
  _id: string;
  log: string;
  /** 1, 2, 3, … without gaps, in the order the entries were appended. */
  n: number;
  /** What the entry is about: one entry per key in each log, however often appended. */
  key: string;
}

/** Where a log ended, more or less (written every few positions): only a hint, racing writers need not agree. */
export interface PositionLogHead {
  _id: string;
  end?: number;
}

export const positionId = (log: string, n: number) => `${log}#${n}`;

/** The head is written at every HEAD_EVERY-th position; readers look this many positions past it at once. */
const HEAD_EVERY = 4;
const MEMO_CAPACITY = 20_000;

type EntryFields<E extends PositionLogEntry> = Omit<E, keyof PositionLogEntry>;

/**
 * Append-only logs addressed by `_id` alone — positions 1, 2, 3, … of each log, one document
 * each (`{log}#{n}`) — holding one entry per key however often, and by however many replicas at
 * once, a key is appended. FerretDB 1.24 has no atomic update, so nothing is updated in place: a
 * position is taken by inserting it (the primary key decides), and a log's length is read from a
 * head hint and a look past it.
 *
 * An append starts at a position `claimFrom` recorded durably beforehand with the key, looks at
 * every position from there on in order — taking the first free one, or stopping at the one the
 * key already holds — and never skips one. So a second append of the same key (a redelivery,
 * another replica), starting where the first did, finds the first one's position.
 */
export class PositionLog<E extends PositionLogEntry> {
  /** The highest position this replica has seen taken, per log: where its next append starts. */
  private readonly seenEnd = new BoundedMap<string, number>(MEMO_CAPACITY);

  constructor(
    private readonly entries: Model<E>,
    private readonly heads: Model<PositionLogHead>,
  ) {}

  /** Where a new key's append should start: just past the end this replica saw, or else just past the head. */
  async frontier(log: string): Promise<number> {
    const seen = this.seenEnd.get(log);
    if (seen !== undefined) return seen + 1;
    const head = await this.heads.findById(log).lean<PositionLogHead>();
    return (head?.end ?? 0) + 1;
  }

  /** The position `key` holds in `log`, taking the first free one from `claimFrom` if it holds none. */
  async append(log: string, key: string, claimFrom: number, fields: EntryFields<E>): Promise<number> {
    for (let n = claimFrom; ; n += 1) {
      try {
        await this.entries.collection.insertOne({ _id: positionId(log, n), log, n, key, ...fields } as never);
        this.saw(log, n);
        if (n % HEAD_EVERY === 0) await this.heads.updateOne({ _id: log }, { $max: { end: n } }, { upsert: true });
        return n;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const holder = await this.entries.findById(positionId(log, n)).lean<E>();
      if (!holder) {
        n -= 1; // taken a moment ago yet not readable: look at the same position again, never past it
        continue;
      }
      this.saw(log, n);
      if (holder.key === key) return n;
    }
  }

  /** The log's length: its head, then the positions past it, a few at once, until one is free. */
  async end(log: string): Promise<number> {
    const head = await this.heads.findById(log).lean<PositionLogHead>();
    let end = head?.end ?? 0;
    let stretch = 1;
    for (;;) {
      const taken = await Promise.all(Array.from({ length: stretch }, (_, offset) => this.entries.exists({ _id: positionId(log, end + 1 + offset) })));
      const free = taken.findIndex((found) => !found);
      if (free >= 0) {
        end += free;
        break;
      }
      end += stretch;
      stretch = HEAD_EVERY - (end % HEAD_EVERY) || HEAD_EVERY;
    }
    this.saw(log, end);
    return end;
  }

  /** The entries at these positions (null where there is none), by `_id` lookups in parallel. */
  at(log: string, positions: number[]): Promise<(E | null)[]> {
    return Promise.all(positions.map((n) => this.entries.findById(positionId(log, n)).lean<E>() as Promise<E | null>));
  }

  private saw(log: string, n: number): void {
    if ((this.seenEnd.get(log) ?? 0) < n) this.seenEnd.set(log, n);
  }
}
