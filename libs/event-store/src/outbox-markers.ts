import type { Logger } from '@lantern/logging';
import { AnyBulkWriteOperation, Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { StoredEvent } from './stored-event.model';

/** How long settled markers wait for the next announcement to carry their deletion. */
const SETTLE_FLUSH_MS = 250;

/**
 * The outbox markers of one process. A marker is written before its event (so a crash after
 * the insert leaves something for the sweeper to find) and is settled once Kafka has the event.
 * Settling is not a command of its own: it is a `$set settledAt` that rides along in the next
 * announcement's update command (the driver sends one command per kind of operation, so a
 * delete could not ride along), or, when no append follows, goes in one batch a moment later.
 * The sweeper deletes settled markers in bulk; one that outlives its process costs it one look.
 */
export class OutboxMarkers {
  private readonly model: Model<OutboxMarker>;
  private settled = new Set<string>();
  private flushTimer?: NodeJS.Timeout;

  constructor(
    connection: Connection,
    private readonly logger?: Logger,
  ) {
    this.model = outboxMarkerModel(connection);
  }

  /** Writes the markers of events about to be inserted, and deletes the settled ones, in one command. */
  async announce(documents: StoredEvent[], createdAt: Date): Promise<void> {
    const deletions = this.takeSettled();
    const operations: AnyBulkWriteOperation<OutboxMarker>[] = [
      ...documents.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id },
          update: { $setOnInsert: { streamId: doc.streamId, version: doc.version, createdAt } },
          upsert: true,
        },
      })),
      ...settledUpdates(deletions, createdAt),
    ];
    try {
      await this.model.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // Racing writers upsert the same marker; one of them finding it already there is fine.
      if (isDuplicateKeyError(error)) return;
      this.settle(deletions);
      throw error;
    }
  }

  /** These events are on Kafka: their markers are marked so with the next announcement or flush. */
  settle(ids: string[]): void {
    for (const id of ids) this.settled.add(id);
    if (this.settled.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => void this.flushSettled(), SETTLE_FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  /** Marks the settled markers now (one command), when no append came along to carry them. */
  async flushSettled(): Promise<void> {
    const ids = this.takeSettled();
    if (ids.length === 0) return;
    try {
      await this.model.bulkWrite(settledUpdates(ids, new Date()), { ordered: false });
    } catch (error) {
      this.logger?.warn({ err: error, markers: ids.length }, 'could not settle outbox markers; the sweeper will look at them');
    }
  }

  /** Deletes markers (the sweeper's clean-up of settled and abandoned ones). */
  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.model.bulkWrite(ids.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
    } catch (error) {
      // A stale marker only costs the sweeper one more look later; never fail over it.
      this.logger?.warn({ err: error, markers: ids.length }, 'could not clear outbox markers');
    }
  }

  private takeSettled(): string[] {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = [...this.settled];
    this.settled = new Set();
    return ids;
  }
}

function settledUpdates(ids: string[], settledAt: Date): AnyBulkWriteOperation<OutboxMarker>[] {
  return ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { settledAt } } } }));
}
