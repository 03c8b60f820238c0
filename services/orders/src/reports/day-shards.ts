import { BoundedMap, insertOnce } from '@lantern/event-store';
import { mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';

/** Days (of one scope) whose shard this process remembers having claimed. */
const REMEMBERED_CLAIMS = 5_000;
/** A day never has this many writers; reaching it means something claims in a loop. */
const MAX_SHARDS = 1_000;

/** A shard as stored: `{dayDocumentId}|{n}`, written by one process only. */
export interface DayShard {
  _id: string;
  scope: string;
  day: string;
  /** The process that claimed it, and the only one that writes it. */
  writer: string;
}

/**
 * A scope's day document, kept as one shard per process that writes it. FerretDB 1.24 applies an
 * update by reading the document and writing it back with nothing in between to stop another
 * update (architecture.md, storage rule 8): two replicas setting entries of different orders in
 * the same day document lost one of them (2 of 60 placements, two replicas, one day). A shard has
 * one writer, which queues its own writes (GroupedWrites), so nothing it writes is lost.
 *
 * A process claims its shard of a day when it first writes there: an insert of `{day}|0`, `{day}|1`
 * … until one is new — the insert is what FerretDB does atomically, so two processes never claim
 * the same. Writes name the writer in their filter, so a shard that is gone (a rebuild deleted the
 * reports) or was claimed by another is never written: the write matches nothing, and the writer
 * claims again. Readers take the day's document from before the shards, then `|0`, `|1` … up to the
 * first that is missing, and merge them (mergeDayShards). Claims are contiguous because each goes
 * to the lowest free number. Cost: one insert per process and day and scope (a few a day), and at
 * most one more read per shard for a report.
 */
export class DayShards {
  /** Who this process is, as the shards it claims name it. */
  readonly writer = randomUUID();
  private readonly claims = new BoundedMap<string, Promise<string>>(REMEMBERED_CLAIMS);

  constructor(private readonly collection: mongo.Collection<{ _id: string } & mongo.Document>) {}

  /** The `_id` of this process's shard of a day document, claimed on first use. */
  shardOf(dayDocumentId: string, scope: string, day: string): Promise<string> {
    let claim = this.claims.get(dayDocumentId);
    if (!claim) {
      claim = this.claim(dayDocumentId, scope, day);
      this.claims.set(dayDocumentId, claim);
      claim.catch(() => this.claims.delete(dayDocumentId));
    }
    return claim;
  }

  /** Forgets this process's claims (their shards may be gone): the next write claims again. */
  forget(dayDocumentIds: string[]): void {
    for (const id of dayDocumentIds) this.claims.delete(id);
  }

  /** Forgets every claim of this process (a rebuild deletes the reports). */
  forgetAll(): void {
    this.claims.clear();
  }

  /** Whether each shard is still there and this process's. */
  async stillOurs(shardIds: string[]): Promise<boolean> {
    const found = await Promise.all(shardIds.map((_id) => this.collection.findOne({ _id }, { projection: { writer: 1 } })));
    return found.every((shard) => shard?.writer === this.writer);
  }

  /** The day document as written before the shards (if any), then every shard of it, in order. */
  async read<T>(dayDocumentId: string): Promise<T[]> {
    const found: T[] = [];
    const legacy = await this.collection.findOne({ _id: dayDocumentId });
    if (legacy) found.push(legacy as T);
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const shard = await this.collection.findOne({ _id: `${dayDocumentId}|${n}` });
      if (!shard) break;
      found.push(shard as T);
    }
    return found;
  }

  private async claim(dayDocumentId: string, scope: string, day: string): Promise<string> {
    for (let n = 0; n < MAX_SHARDS; n += 1) {
      const shard = { _id: `${dayDocumentId}|${n}`, scope, day, writer: this.writer, orders: {}, served: {}, volunteerHours: {} };
      if (await insertOnce(this.collection, shard)) return shard._id;
    }
    throw new Error(`reports: ${dayDocumentId} has ${MAX_SHARDS} shards already`);
  }
}
