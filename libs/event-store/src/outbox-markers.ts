import type { Logger } from '@lantern/logging';
import { Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { StoredEvent } from './stored-event.model';

/** How long settled markers wait, so that one command deletes many. */
const SETTLE_FLUSH_MS = 1_000;

/**
 * The outbox markers of one process. A marker is written before its event (so a crash after
 * the insert leaves something for the sweeper to find) and deleted once Kafka has the event —
 * not one command each: settled markers are deleted together, once a second. A process that
 * dies with some still queued leaves them for the sweeper, which finds their events published.
 */
export class OutboxMarkers {
  private readonly model: Model<OutboxMarker>;
  private settled = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  /** Events this process announced and Kafka does not have yet, with when: the outbox backlog metric. */
  private readonly unpublished = new Map<string, number>();

  constructor(
    connection: Connection,
    private readonly logger?: Logger,
  ) {
    this.model = outboxMarkerModel(connection);
  }

  /** Writes the markers of events about to be inserted (one command). */
  async announce(documents: StoredEvent[], createdAt: Date): Promise<void> {
    try {
      await this.model.bulkWrite(
        documents.map((doc) => ({
          updateOne: {
            filter: { _id: doc._id },
            update: { $setOnInsert: { streamId: doc.streamId, version: doc.version, createdAt } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      // Racing writers upsert the same marker; one of them finding it already there is fine.
      if (!isDuplicateKeyError(error)) throw error;
    }
    for (const doc of documents) this.unpublished.set(doc._id, createdAt.getTime());
  }

  /** These events are on Kafka: their markers go in the next batch. */
  settle(ids: string[]): void {
    for (const id of ids) {
      this.settled.add(id);
      this.unpublished.delete(id);
    }
    if (this.settled.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flushSettled(), SETTLE_FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  /** These announced events were never stored (the append lost a race or failed): nothing to publish. */
  forget(ids: string[]): void {
    for (const id of ids) this.unpublished.delete(id);
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
}
