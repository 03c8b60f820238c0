import { Logger } from '@lantern/logging';
import { Connection } from 'mongoose';
import { insertOnce } from '../insert-once';
import { bucketDay, DAY_MS } from './day-buckets';

/** One kind of expiring record: its day buckets are dropped once their day is `keepDays` behind. */
export interface RetentionRule {
  /** Collection base name; the buckets are `{base}_{yyyymmdd}` (dayBucket). */
  base: string;
  /**
   * Whole days kept after a bucket's own day: a record written (or dated) at any moment of day D
   * is dropped when day D + keepDays + 1 begins — so it lives at least keepDays and less than
   * keepDays + 1 days after the end of its day.
   */
  keepDays: number;
}

/** Where a database remembers when each move into day buckets first started (`retireSinceBucketed`). */
export const RETENTION_MARKS = 'retention_marks';

interface RetentionMark {
  _id: string;
  at: Date;
}

/** The moment a collection that stopped taking records at `at` is past the window: keepDays after the end of that day. */
export const retiredAfter = (at: Date, keepDays: number): Date => new Date((Math.floor(at.getTime() / DAY_MS) + keepDays + 1) * DAY_MS);

/**
 * Applies the retention rules of one service's database: lists its collections (one command) and
 * drops every bucket that is past its rule (one command each, a handful a day). Idempotent, so every
 * replica may run it; a drop racing another replica's finds the bucket gone and moves on.
 */
export class RetentionSweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly rules: RetentionRule[];
  /** Collections from before their records moved into buckets, and when each is dropped whole. */
  private readonly retired = new Map<string, Date>();

  constructor(
    private readonly connection: Connection,
    rules: readonly RetentionRule[],
    private readonly logger?: Logger,
  ) {
    this.rules = [...rules];
  }

  /**
   * Adds a service's own kinds of expiring records to the ones every service has (dedupe and
   * idempotency records), so that one sweep — one listCollections — applies them all. Call it
   * before the application starts (the platform starts the sweeper at bootstrap).
   */
  addRules(...rules: RetentionRule[]): void {
    this.rules.push(...rules);
  }

  /**
   * A collection that records were kept in before they moved into day buckets: nothing writes it
   * any more, and it is dropped whole once `dropAt` has come (the last record it took is then past
   * its window), by the same sweep.
   */
  retire(name: string, dropAt: Date): void {
    this.retired.set(name, dropAt);
  }

  /**
   * Retires the collections a version of the service stopped writing when it moved their records
   * into day buckets: each is dropped once `keepDays` have passed since that version first started
   * on this database — the last record it took is then past its window. The first start is marked
   * once under `mark` in RETENTION_MARKS (a later start, or another replica, finds the mark and
   * keeps it): one insert a start, and one `_id` read when the mark was there.
   */
  async retireSinceBucketed(mark: string, names: string[], keepDays: number, now = new Date()): Promise<Date> {
    const marks = this.connection.collection<RetentionMark>(RETENTION_MARKS);
    const since = (await insertOnce(marks, { _id: mark, at: now })) ? now : ((await marks.findOne({ _id: mark }))?.at ?? now);
    for (const name of names) this.retire(name, retiredAfter(since, keepDays));
    return since;
  }

  /** Drops the expired buckets (and retired collections past their time); returns their names. */
  async sweep(now = new Date()): Promise<string[]> {
    const db = this.connection.db;
    if (!db) return [];
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
    const expired = names.filter(
      (name) =>
        (this.retired.get(name)?.getTime() ?? Infinity) <= now.getTime() ||
        this.rules.some((rule) => {
          const day = bucketDay(rule.base, name);
          return day !== null && day.getTime() + (rule.keepDays + 1) * DAY_MS <= now.getTime();
        }),
    );
    for (const name of expired) {
      await db.dropCollection(name).catch((error: { codeName?: string }) => {
        if (error.codeName !== 'NamespaceNotFound') throw error; // another replica dropped it first
      });
    }
    if (expired.length > 0) this.logger?.info({ dropped: expired }, 'retention: expired buckets dropped');
    return expired;
  }

  /** Sweeps now and then every `intervalMs` (a failure is logged and tried again next time). */
  start(intervalMs: number): void {
    const run = () => {
      this.running = this.sweep().catch((error) => this.logger?.warn({ err: error }, 'retention sweep failed; next time'));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
