import { Model } from 'mongoose';
import { BoundedMap } from '../bounded-map';
import { isDuplicateKeyError } from '../errors';
import { insertInOrder } from '../insert-in-order';
import { updateInBatches } from '../update-in-batches';
import { retryUpsertRace } from '../upsert-by-id';

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

/** Where a log ended, more or less (raised every few positions): only a hint, racing writers need not agree. */
export interface PositionLogHead {
  _id: string;
  [field: string]: unknown;
}

/** Where a key is looked for in one log: the first position its append may take. */
export interface LogClaim {
  log: string;
  from: number;
}

/**
 * The claim of a key recorded with `record` (`_id` `{key}#claim`, in the entries' collection):
 * where each of its logs is searched for it, plus whatever the caller keeps with it.
 */
export interface PositionLogClaim {
  _id: string;
  key: string;
  claims: LogClaim[];
}

export interface PositionLogOptions {
  /**
   * Head hints, one document per log (`_id` = the log), `headField` raised every HEAD_EVERY-th
   * position: `end` starts from there (one lookup). Without them, nothing but the entries is
   * written, and `end` starts from what this replica saw (or 0) and probes past it, doubling.
   */
  heads?: Model<PositionLogHead>;
  /** The field of the head document this log raises (default `end`): several logs may share a head. */
  headField?: string;
}

export const positionId = (log: string, n: number) => `${log}#${n}`;
/** Positions end in a number, so a claim never shares an `_id` with one. */
export const claimId = (key: string) => `${key}#claim`;

/** The head is raised at every HEAD_EVERY-th position. */
const HEAD_EVERY = 4;
const MEMO_CAPACITY = 20_000;
/** Keys recorded by one insert at most. */
const MAX_BATCH = 100;

type EntryFields<E extends PositionLogEntry> = Omit<E, keyof PositionLogEntry>;

/** A recording waiting for the next insert. */
interface PendingRecord<E extends PositionLogEntry> {
  key: string;
  logs: string[];
  fields: EntryFields<E>;
  claimFields: Record<string, unknown>;
  resolve: (claims: LogClaim[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Append-only logs addressed by `_id` alone — positions 1, 2, 3, … of each log, one document
 * each (`{log}#{n}`) — holding one entry per key however often, and by however many replicas at
 * once, a key is appended. FerretDB 1.24 has no atomic update, so nothing is updated in place: a
 * position is taken by inserting it (the primary key decides), and a log's length is found by
 * looking past a hint.
 *
 * An append starts at a position `claimFrom` recorded durably beforehand with the key, looks at
 * every position from there on in order — taking the first free one, or stopping at the one the
 * key already holds — and never skips one. So a second append of the same key (a redelivery,
 * another replica), starting where the first did, finds the first one's position.
 *
 * API: `record(key, logs, fields)` lists a key in several logs with its claim in one insert
 * command (the usual case; keys recorded at the same moment share it); `frontier` + `append` do the same for one log when the caller keeps
 * the claim point itself (in its own document); `assumeNew` spares the lookup of a log known to
 * be new; `find`, `end`, `endFrom`, `at` and `claimOf` read.
 */
export class PositionLog<E extends PositionLogEntry> {
  /** The highest position this replica has seen taken, per log: where its next append starts. */
  private readonly seenEnd = new BoundedMap<string, number>(MEMO_CAPACITY);
  private readonly heads?: Model<PositionLogHead>;
  private readonly headField: string;
  /** Recordings waiting for the insert in flight to end (group commit). */
  private readonly queue: PendingRecord<E>[] = [];
  private flushing = false;

  constructor(
    private readonly entries: Model<E>,
    options: PositionLogOptions = {},
  ) {
    this.heads = options.heads;
    this.headField = options.headField ?? 'end';
  }

  /**
   * Where a new key's append should start: just past the end this replica saw; else just past
   * the head (one lookup; the append steps over the few positions taken since); else just past
   * the end found by probing (one lookup for a new log).
   */
  async frontier(log: string): Promise<number> {
    const seen = this.seenEnd.get(log);
    if (seen !== undefined) return seen + 1;
    if (this.heads) return (await this.headOf(log)) + 1;
    return (await this.end(log)) + 1;
  }

  /**
   * Tells this replica that a log is new (an order's log at its placement, say): its next key is
   * claimed from position 1 without a lookup. Always safe — a claim below a log's end only costs
   * a failed insert and a read per position taken — and ignored for a log this replica knows.
   */
  assumeNew(log: string): void {
    if (this.seenEnd.get(log) === undefined) this.seenEnd.set(log, 0);
  }

  /**
   * Lists `key` in each of `logs` once, however often and by however many replicas it is
   * recorded. The claim (`{key}#claim`: where each log is searched for it, with `claimFields`)
   * and the first free position of each log go in one ordered insert — together with those of
   * the other keys this replica is recording at the same moment (group commit: one command for
   * all, and no two of them racing for the same position). See recordBatch for what a collision does.
   */
  record(key: string, logs: string[], fields: EntryFields<E>, claimFields: Record<string, unknown> = {}): Promise<LogClaim[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, logs, fields, claimFields, resolve, reject });
      // The keys recorded in this same turn of the event loop join the first insert.
      if (!this.flushing) {
        this.flushing = true;
        queueMicrotask(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        // A settled recording ignores the rejection; the others' callers retry (their claims make that safe).
        await this.recordBatch(batch).catch((error: unknown) => batch.forEach((pending) => pending.reject(error)));
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * One ordered insert of each key's claim followed by its positions, the keys one after the
   * other, positions handed out in turn from each log's frontier. Ordered, so what went in is a
   * prefix of it, and a claim never goes in without every position before it: positions stay
   * without gaps. At the first duplicate:
   * - on a key's claim: the key was recorded before (a redelivery): it is looked for from the
   *   earlier claim's positions (`append`, which finds it);
   * - on a position (another replica took it): the key's claim is in, and the rest of its logs
   *   go through `append` from its claimed positions;
   * - the keys after it were not inserted at all: they go in the next insert, from fresh frontiers.
   */
  private async recordBatch(batch: PendingRecord<E>[]): Promise<void> {
    const logs = [...new Set(batch.flatMap((pending) => pending.logs))];
    const next = new Map(await Promise.all(logs.map(async (log) => [log, await this.frontier(log)] as const)));
    const planned = batch.map((pending) => ({ ...pending, claims: pending.logs.map((log) => ({ log, from: this.take(next, log) })) }));
    const documents = planned.flatMap(({ key, claims, fields, claimFields }) => [
      { ...claimFields, _id: claimId(key), key, claims },
      ...claims.map(({ log, from }) => ({ _id: positionId(log, from), log, n: from, key, ...fields })),
    ]);
    const failedAt = await insertInOrder(this.entries.collection, documents);
    let start = 0;
    const inserted: { log: string; n: number }[] = [];
    for (const [index, record] of planned.entries()) {
      const end = start + 1 + record.claims.length;
      if (failedAt >= end) {
        record.claims.forEach(({ log, from }) => inserted.push({ log, n: from }));
        record.resolve(record.claims);
      } else if (failedAt === start) {
        record.resolve(await this.recordAgain(record));
        this.queue.unshift(...planned.slice(index + 1));
        break;
      } else {
        const done = failedAt - start - 1;
        record.claims.slice(0, done).forEach(({ log, from }) => inserted.push({ log, n: from }));
        await Promise.all(record.claims.slice(done).map(({ log, from }) => this.append(log, record.key, from, record.fields)));
        record.resolve(record.claims);
        this.queue.unshift(...planned.slice(index + 1));
        break;
      }
      start = end;
    }
    inserted.forEach(({ log, n }) => this.saw(log, n));
    await this.raiseHeads(inserted);
  }

  /** A key whose claim is there already: it is looked for from the claimed positions. */
  private async recordAgain({ key, fields }: PendingRecord<E>): Promise<LogClaim[]> {
    const earlier = await this.claimOf(key);
    // Its insert has just won over ours; should it not be readable yet, the caller's retry will find it.
    if (!earlier) throw new Error(`The claim of ${key} is taken but not readable yet`);
    await Promise.all(earlier.claims.map(({ log, from }) => this.append(log, key, from, fields)));
    return earlier.claims;
  }

  private take(next: Map<string, number>, log: string): number {
    const n = next.get(log)!;
    next.set(log, n + 1);
    return n;
  }

  /** The claim `record` left for `key`, or null when it has recorded none. */
  claimOf(key: string): Promise<PositionLogClaim | null> {
    return this.entries.collection.findOne({ _id: claimId(key) } as never) as Promise<PositionLogClaim | null>;
  }

  /** The position `key` holds in `log`, taking the first free one from `claimFrom` if it holds none. */
  async append(log: string, key: string, claimFrom: number, fields: EntryFields<E>): Promise<number> {
    for (let n = claimFrom; ; n += 1) {
      try {
        await this.entries.collection.insertOne({ _id: positionId(log, n), log, n, key, ...fields } as never);
        this.saw(log, n);
        await this.raiseHeads([{ log, n }]);
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

  /**
   * The document that takes position n of `log` for `key`, for a caller that inserts it together
   * with other documents of the entries' collection in one command (notifications' inbox: an
   * event's messages and their positions) — and then calls `took`, or `append` from n if the
   * insert stopped at it.
   */
  positionOf(log: string, n: number, key: string, fields: EntryFields<E>): E {
    return { _id: positionId(log, n), log, n, key, ...fields } as unknown as E;
  }

  /** Position n of `log` was taken by inserting its `positionOf` document: remembered, and the head raised when due. */
  async took(log: string, n: number): Promise<void> {
    this.saw(log, n);
    await this.raiseHeads([{ log, n }]);
  }

  /** The entry `key` holds in `log`, looked for from `claimFrom` on; null when it holds none (yet). */
  async find(log: string, key: string, claimFrom: number): Promise<E | null> {
    for (let n = claimFrom; ; n += 1) {
      const entry = await this.entries.findById(positionId(log, n)).lean<E>();
      if (!entry || entry.key === key) return entry as E | null;
    }
  }

  /** The log's length (0 when it holds nothing): from its head, or from what this replica saw. */
  async end(log: string): Promise<number> {
    const hint = this.heads ? await this.headOf(log) : (this.seenEnd.get(log) ?? 0);
    return this.endFrom(log, hint);
  }

  /**
   * The log's length from a hint known not to be past it: the position after the hint (free when
   * the hint is current: one lookup), then further, doubling the stride, and back by halves
   * between the last taken and the first free — positions are taken without gaps.
   */
  async endFrom(log: string, hint: number): Promise<number> {
    let taken = hint;
    let free: number | undefined;
    for (let stride = 1; free === undefined; stride *= 2) {
      if (await this.isTaken(log, taken + stride)) taken += stride;
      else free = taken + stride;
    }
    while (free - taken > 1) {
      const middle = Math.floor((taken + free) / 2);
      if (await this.isTaken(log, middle)) taken = middle;
      else free = middle;
    }
    this.saw(log, taken);
    return taken;
  }

  /** The entries at these positions (null where there is none), by `_id` lookups in parallel. */
  at(log: string, positions: number[]): Promise<(E | null)[]> {
    return Promise.all(positions.map((n) => this.entries.findById(positionId(log, n)).lean<E>() as Promise<E | null>));
  }

  private async isTaken(log: string, n: number): Promise<boolean> {
    return (await this.entries.exists({ _id: positionId(log, n) })) !== null;
  }

  private async headOf(log: string): Promise<number> {
    const head = await this.heads!.findById(log).lean<PositionLogHead>();
    return (head?.[this.headField] as number | undefined) ?? 0;
  }

  /**
   * Raises the heads of the logs whose new position is a multiple of HEAD_EVERY (one command per
   * 25 heads: a broadcast's fan-out can raise thousands, see updateInBatches).
   */
  private async raiseHeads(taken: { log: string; n: number }[]): Promise<void> {
    const due = taken.filter(({ n }) => n % HEAD_EVERY === 0);
    if (!this.heads || due.length === 0) return;
    const heads = this.heads;
    // Two replicas raising the same new head at once meet FerretDB's upsert race: `$max` again.
    await retryUpsertRace(() =>
      updateInBatches(
        heads,
        due.map(({ log, n }) => ({ updateOne: { filter: { _id: log }, update: { $max: { [this.headField]: n } }, upsert: true } })),
        { ordered: false },
      ),
    );
  }

  private saw(log: string, n: number): void {
    const seen = this.seenEnd.get(log);
    // 0 too: a log known to be empty needs no lookup before its first append.
    if (seen === undefined || seen < n) this.seenEnd.set(log, n);
  }
}
