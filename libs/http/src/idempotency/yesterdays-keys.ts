import { DAY_MS, dayBucket } from '@lantern/event-store';
import type { Logger } from '@lantern/logging';
import { Connection } from 'mongoose';
import { IDEMPOTENCY_RECORDS } from './idempotency-record.model';

/**
 * How long after midnight yesterday's bucket may still take a key: a request takes its bucket
 * from the clock when it starts, so one that began before midnight (or on a replica whose clock
 * is behind) inserts there a little later. Until then keys are looked up there one by one.
 */
export const BUCKET_CLOSED_AFTER_MS = 10 * 60_000;
/** More keys than this in one day are not held in memory: they are looked up one by one, as before. */
const MAX_KEYS = 100_000;
/** A failed read of yesterday's keys is tried again after this long (meanwhile: lookups). */
const RETRY_AFTER_MS = 60_000;

/**
 * The Idempotency-Keys first used yesterday (UTC), read once a day, so that a fresh key — almost
 * every one — is not looked up in yesterday's bucket: one command less per POST.
 *
 * Why a set read once is enough: once the day is over (and BUCKET_CLOSED_AFTER_MS more), no key
 * enters yesterday's bucket again; records there only complete or are given back. A key this
 * set lacks was therefore not first used yesterday, and one it holds is looked up as before.
 * The read is one `find` of the `_id`s of one day's bucket (a scan of that collection, bounded by
 * a day's POSTs, not by all history), once per process per day, in the background; until it is
 * done, or if the day had more than MAX_KEYS keys, every key is looked up.
 */
export class YesterdaysKeys {
  private bucket?: string;
  private keys?: Set<string>;
  private retryAt = 0;

  constructor(
    private readonly connection: Connection,
    private readonly logger?: Logger,
  ) {}

  /** Whether the key may have been first used yesterday (so its record must be looked up). */
  mayHold(id: string, at: Date): boolean {
    const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
    if (at.getTime() - midnight < BUCKET_CLOSED_AFTER_MS) return true;
    const bucket = dayBucket(IDEMPOTENCY_RECORDS, new Date(midnight - DAY_MS));
    if (this.bucket !== bucket && Date.now() >= this.retryAt) {
      this.bucket = bucket;
      this.keys = undefined;
      void this.read(bucket);
    }
    return this.bucket === bucket && this.keys ? this.keys.has(id) : true;
  }

  /** Reads the day's keys; `mayHold` answers from them once they are all there. */
  async read(bucket: string): Promise<void> {
    try {
      const keys = new Set<string>();
      const cursor = this.connection.collection<{ _id: string }>(bucket).find({}, { projection: { _id: 1 }, batchSize: 10_000 });
      for await (const { _id } of cursor) {
        keys.add(_id);
        if (keys.size > MAX_KEYS) {
          await cursor.close();
          return;
        }
      }
      if (this.bucket === bucket) this.keys = keys;
    } catch (error) {
      this.logger?.warn({ err: error, bucket }, "could not read yesterday's idempotency keys; looking each up");
      if (this.bucket === bucket) this.bucket = undefined;
      this.retryAt = Date.now() + RETRY_AFTER_MS;
    }
  }
}
