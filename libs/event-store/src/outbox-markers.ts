import type { Logger } from '@lantern/logging';
import { Connection, Model } from 'mongoose';
import { retryUpsertRace } from './upsert-by-id';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { StoredEvent } from './stored-event.model';

/** How long settled markers wait, so that one command deletes many. */
const SETTLE_FLUSH_MS = 1_000;
/** How long the leases that end one after another wait, so that one command deletes them all. */
const RETIRE_BATCH_MS = 15_000;
/** How long a lease lets its writer append to the stream again without writing another marker. */
export const LEASE_USABLE_MS = 60_000;
/**
 * How long a lease outlives its use, so that an insert decided under it and delayed up to this
 * long is still covered when the sweeper looks: the sweeper deletes a lease only once it is past
 * `validUntil` (the same bet as its abandonAfterMs — no insert lands a minute after its check).
 */
export const LEASE_MARGIN_MS = 60_000;

/** A marker this process wrote for a stream and appends to it under, until `usableUntil`. */
interface Lease {
  /** The marker's `_id`. */
  id: string;
  streamId: string;
  /** Appends under the lease wait for the marker to be written before their insert. */
  written: Promise<void>;
  usableUntil: number;
  /** Events announced under it that Kafka does not have yet: the lease is deleted only without any. */
  pending: Set<string>;
}

/** What `announce` did, for `forget` to undo if the insert does not happen. */
export interface Announcement {
  lease?: Lease;
  /** This append wrote the lease's marker (and its insert decides whether the lease is ours). */
  created?: boolean;
}

/**
 * The outbox markers of one process. A marker is written before its event (so a crash after
 * the insert leaves something for the sweeper to find) and deleted once Kafka has the event —
 * not one command each: settled markers are deleted together, once a second. A process that
 * dies with some still queued leaves them for the sweeper, which finds their events published.
 *
 * A stream appended to again and again (an order: placed, offered, claimed, …) gets one marker,
 * a lease, for a minute of appends by this process rather than one per append: the marker says
 * "events of this stream from version N on may be unpublished", which stays true for every later
 * append of the writer that holds it. A write-once stream (no later append) gets a plain marker.
 */
export class OutboxMarkers {
  private readonly model: Model<OutboxMarker>;
  private settled = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  /** Events this process announced and Kafka does not have yet, with when: the outbox backlog metric. */
  private readonly unpublished = new Map<string, number>();
  /** The lease of each stream this process appends to under one. */
  private readonly leases = new Map<string, Lease>();
  /** Leases no longer used, kept until Kafka has every event announced under them. */
  private readonly retiring = new Set<Lease>();
  private readonly leaseOf = new Map<string, Lease>();
  private retireTimer?: NodeJS.Timeout;

  private readonly leaseUsableMs: number;
  private readonly retireBatchMs: number;

  constructor(
    connection: Connection,
    private readonly logger?: Logger,
    /** Shorter leases and batches, for tests that watch a lease end. */
    { leaseUsableMs = LEASE_USABLE_MS, retireBatchMs = RETIRE_BATCH_MS } = {},
  ) {
    this.model = outboxMarkerModel(connection);
    this.leaseUsableMs = leaseUsableMs;
    this.retireBatchMs = retireBatchMs;
  }

  /**
   * Makes sure a marker covers events about to be inserted: the stream's lease when this process
   * holds a usable one (no command), else a new marker (one command).
   */
  async announce(documents: StoredEvent[], createdAt: Date, { lease = true } = {}): Promise<Announcement> {
    if (!lease) {
      await this.write(documents, createdAt);
      for (const doc of documents) this.unpublished.set(doc._id, createdAt.getTime());
      return {};
    }
    const { streamId } = documents[0];
    const current = this.leases.get(streamId);
    if (current && current.usableUntil > Date.now()) {
      await current.written;
      this.track(current, documents, createdAt);
      return { lease: current, created: false };
    }
    if (current) this.retire(current);
    const validUntil = new Date(createdAt.getTime() + this.leaseUsableMs + LEASE_MARGIN_MS);
    const fresh: Lease = {
      id: documents[0]._id,
      streamId,
      written: this.write([documents[0]], createdAt, validUntil),
      usableUntil: createdAt.getTime() + this.leaseUsableMs,
      pending: new Set(),
    };
    // Set before the write is done: a concurrent append of this process waits for it instead of writing its own.
    this.leases.set(streamId, fresh);
    try {
      await fresh.written;
    } catch (error) {
      if (this.leases.get(streamId) === fresh) this.leases.delete(streamId);
      throw error;
    }
    this.track(fresh, documents, createdAt);
    this.scheduleRetire();
    return { lease: fresh, created: true };
  }

  /** These events are on Kafka: the markers this process wrote for them (or their lease, once no longer used) go in the next batch. */
  settle(ids: string[]): void {
    for (const id of ids) {
      // Another writer's event (this one published it along with its own): its marker, perhaps a
      // lease still in use, is for that writer or the sweeper to delete.
      if (!this.unpublished.delete(id)) continue;
      const lease = this.leaseOf.get(id);
      if (!lease) {
        this.settled.add(id);
        continue;
      }
      this.leaseOf.delete(id);
      lease.pending.delete(id);
      if (this.retiring.has(lease) && lease.pending.size === 0) {
        this.retiring.delete(lease);
        this.settled.add(lease.id);
      }
    }
    this.scheduleFlush();
  }

  /**
   * These announced events were never stored (the append lost a race or failed): nothing to
   * publish. When the append that wrote a lease lost its first event to another writer, the
   * lease is not this process's to use (the winner may have written the same marker and rely on
   * it, so it is left for the winner or the sweeper to delete).
   */
  forget(ids: string[], announcement: Announcement = {}, { lostFirst = false } = {}): void {
    for (const id of ids) {
      this.unpublished.delete(id);
      const lease = this.leaseOf.get(id);
      this.leaseOf.delete(id);
      lease?.pending.delete(id);
    }
    const { lease, created } = announcement;
    if (lease && created && lostFirst && this.leases.get(lease.streamId) === lease) this.leases.delete(lease.streamId);
  }

  /** What this process announced and has not seen on Kafka yet, and when the oldest was announced. */
  backlog(): { events: number; oldestAt?: number } {
    let oldestAt: number | undefined;
    for (const at of this.unpublished.values()) if (oldestAt === undefined || at < oldestAt) oldestAt = at;
    return { events: this.unpublished.size, oldestAt };
  }

  /** Deletes the settled markers now (one command). */
  async flushSettled(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = [...this.settled];
    this.settled = new Set();
    await this.remove(ids);
  }

  /** On shutdown: this process appends no more, so its leases go with the settled markers. */
  async release(): Promise<void> {
    clearTimeout(this.retireTimer);
    this.retireTimer = undefined;
    for (const lease of [...this.leases.values()]) this.retire(lease);
    await this.flushSettled();
  }

  /** Deletes markers (settled ones, and the sweeper's clean-up). */
  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.model.bulkWrite(ids.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
    } catch (error) {
      // A stale marker only costs the sweeper one more look later; never fail over it.
      this.logger?.warn({ err: error, markers: ids.length }, 'could not clear outbox markers');
    }
  }

  private async write(documents: StoredEvent[], createdAt: Date, validUntil?: Date): Promise<void> {
    // Racing writers may write the same marker: it stays as long as the longest lease on it. The
    // one whose upsert met the other's insert (FerretDB's upsert race) writes again, so its $max
    // is not lost.
    await retryUpsertRace(() =>
      this.model.bulkWrite(
        documents.map((doc) => ({
          updateOne: {
            filter: { _id: doc._id },
            update: { $setOnInsert: { streamId: doc.streamId, version: doc.version, createdAt }, ...(validUntil ? { $max: { validUntil } } : {}) },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    );
  }

  private track(lease: Lease, documents: StoredEvent[], createdAt: Date): void {
    for (const doc of documents) {
      this.unpublished.set(doc._id, createdAt.getTime());
      lease.pending.add(doc._id);
      this.leaseOf.set(doc._id, lease);
    }
  }

  /** The lease is used no more: deleted in the next batch once Kafka has everything announced under it. */
  private retire(lease: Lease): void {
    if (this.leases.get(lease.streamId) === lease) this.leases.delete(lease.streamId);
    if (lease.pending.size > 0) {
      this.retiring.add(lease);
      return;
    }
    this.settled.add(lease.id);
    this.scheduleFlush();
  }

  /** Retires leases as they stop being usable; no timer while this process holds none. */
  private scheduleRetire(): void {
    if (this.retireTimer || this.leases.size === 0) return;
    let next = Number.POSITIVE_INFINITY;
    for (const lease of this.leases.values()) next = Math.min(next, lease.usableUntil);
    // Late, so that the leases ending within RETIRE_BATCH_MS share one delete: while a service
    // is busy it deletes its leases a few times a minute, not every second.
    this.retireTimer = setTimeout(() => {
      this.retireTimer = undefined;
      const now = Date.now();
      for (const lease of [...this.leases.values()]) if (lease.usableUntil <= now) this.retire(lease);
      this.scheduleRetire();
    }, Math.max(0, next - Date.now()) + this.retireBatchMs);
    this.retireTimer.unref();
  }

  private scheduleFlush(): void {
    if (this.settled.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flushSettled(), SETTLE_FLUSH_MS);
      this.flushTimer.unref();
    }
  }
}
