import { requireContract } from '@lantern/contracts';
import type { Logger } from '@lantern/logging';
import { Connection, Model } from 'mongoose';
import { EventSink } from './event-sink';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { eventDocumentId, StoredEvent, storedEventModel } from './stored-event.model';
import { toCloudEvent } from './to-cloud-event';

/**
 * Publishes the unpublished tail of a stream, oldest first, and marks it published.
 *
 * Why this keeps per-stream order under races: an event is marked published only after the
 * broker acknowledged it *and everything before it*, so a publisher that finds event N marked
 * knows all earlier ones went out first. Two publishers racing produce duplicates, never an
 * inversion of first occurrences.
 */
export class OutboxPublisher {
  private readonly events: Model<StoredEvent>;
  private readonly markers: Model<OutboxMarker>;

  constructor(
    connection: Connection,
    private readonly sink: EventSink,
    private readonly logger?: Logger,
  ) {
    this.events = storedEventModel(connection);
    this.markers = outboxMarkerModel(connection);
  }

  /** Publishes every unpublished event of the stream up to `uptoVersion`. Returns how many were sent. */
  async publishStream(streamId: string, uptoVersion: number): Promise<number> {
    const pending = await this.unpublishedTail(streamId, uptoVersion);
    if (pending.length > 0) {
      await this.sink.publish(requireContract(pending[0].type).topic, pending.map(toCloudEvent));
      const publishedAt = new Date();
      await this.events.bulkWrite(
        pending.map((event) => ({ updateOne: { filter: { _id: event._id }, update: { $set: { publishedAt } } } })),
        { ordered: false },
      );
    }
    await this.clearMarkers(pending);
    return pending.length;
  }

  /** Walks back from the head (by `_id`, the only indexed lookup on FerretDB) to the last published event. */
  private async unpublishedTail(streamId: string, uptoVersion: number): Promise<StoredEvent[]> {
    const tail: StoredEvent[] = [];
    for (let version = uptoVersion; version >= 1; version -= 1) {
      const event = await this.events.findById(eventDocumentId(streamId, version)).lean<StoredEvent>();
      if (!event) {
        if (tail.length === 0) continue; // a marker announced a version that was never written
        throw new Error(`Stream ${streamId} has a gap at version ${version}`);
      }
      if (event.publishedAt) break;
      tail.push(event);
    }
    return tail.reverse();
  }

  /** Clears the markers of the events just published (and of ones already out, when asked). */
  async clearMarkers(events: Pick<StoredEvent, '_id' | 'streamId'>[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.markers.bulkWrite(events.map(({ _id }) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
    } catch (error) {
      // A stale marker only costs the sweeper one more look later; never fail a publish over it.
      this.logger?.warn({ err: error, streamId: events[0].streamId }, 'could not clear outbox markers');
    }
  }
}
