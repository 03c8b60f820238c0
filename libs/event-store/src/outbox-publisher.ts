import { requireContract } from '@lantern/contracts';
import type { Logger } from '@lantern/logging';
import { Connection } from 'mongoose';
import { BoundedMap } from './bounded-map';
import { EventSink } from './event-sink';
import { OutboxMarkers } from './outbox-markers';
import { StoredEvent } from './stored-event.model';
import { StreamHeads, StreamSnapshot } from './stream-heads';
import { toCloudEvent } from './to-cloud-event';

/** Streams whose published length this process remembers (a number each). */
const SENT_STREAMS = 10_000;

/**
 * Publishes the unpublished tail of a stream, oldest first, and records it in the stream's head.
 *
 * Why this keeps per-stream order under races: the head claims a version published only after
 * the broker acknowledged it *and everything before it*, so a publisher that finds version N
 * claimed knows all earlier ones went out first. Two publishers racing produce duplicates,
 * never an inversion of first occurrences.
 */
export class OutboxPublisher {
  private readonly heads: StreamHeads;
  /** Streams whose publish failed in this process, with the attempt count: retried from memory. */
  private readonly retries = new Map<string, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** The publish of each stream under way in this process: the next one waits for it. */
  private readonly publishing = new Map<string, Promise<number>>();
  /** How far this process has seen Kafka take each stream it published lately (never more than Kafka has). */
  private readonly sentUpTo = new BoundedMap<string, number>(SENT_STREAMS);
  /** Shared with the event store of this process, which announces what this settles. */
  readonly markers: OutboxMarkers;

  constructor(
    connection: Connection,
    private readonly sink: EventSink,
    private readonly logger?: Logger,
  ) {
    this.heads = new StreamHeads(connection);
    this.markers = new OutboxMarkers(connection, logger);
  }

  /** Publishes every unpublished event of the stream up to `uptoVersion`. Returns how many were sent. */
  async publishStream(streamId: string, uptoVersion: number): Promise<number> {
    return this.publishSnapshot(await this.heads.read(streamId, { catchUp: true }), uptoVersion);
  }

  /**
   * Publishes what a snapshot holds past its published version (the writer that just appended
   * has it in memory, so nothing is read back), then writes the head (unless told not to: a
   * write-once stream has none) and clears the markers.
   */
  async publishSnapshot(snapshot: StreamSnapshot, uptoVersion = Number.MAX_SAFE_INTEGER, { writeHead = true } = {}): Promise<number> {
    const { streamId } = snapshot;
    const before = this.publishing.get(streamId);
    const publish = (async () => {
      // One publish of a stream at a time in this process, and none of what an earlier one sent:
      // two appends of one stream in one process (a command and a consumer, say) used to both send
      // the first one's events when the second read the stream before the first wrote its head.
      await before?.catch(() => undefined);
      const from = Math.max(snapshot.publishedVersion, this.sentUpTo.get(streamId) ?? 0);
      const pending = snapshot.events.filter((event) => event.version > from && event.version <= uptoVersion);
      if (pending.length === 0) return 0;
      await this.sink.publish(requireContract(pending[0].type).topic, pending.map(toCloudEvent));
      const last = pending[pending.length - 1].version;
      // Kafka has every version up to `last`: this publish began past a published prefix.
      this.sentUpTo.set(streamId, Math.max(last, this.sentUpTo.get(streamId) ?? 0));
      if (writeHead) await this.heads.write(streamId, snapshot.events, last, new Date());
      this.markers.settle(pending.map((event) => event._id));
      return pending.length;
    })();
    this.publishing.set(streamId, publish);
    try {
      return await publish;
    } finally {
      if (this.publishing.get(streamId) === publish) this.publishing.delete(streamId);
    }
  }

  /**
   * A publish after an append failed (Kafka unreachable, say): this process tries again itself,
   * backing off from 1 s to a minute, for as long as it lives. If it dies first, its markers are
   * the sweeper's — see OutboxSweeper for why nobody needs to poll for them.
   */
  retryLater(streamId: string): void {
    if (this.retries.has(streamId)) return;
    this.scheduleRetry(streamId, 1);
  }

  /** Stops retrying (on shutdown); what is left is the sweeper's. */
  stopRetrying(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.retries.clear();
  }

  private scheduleRetry(streamId: string, attempt: number): void {
    this.retries.set(streamId, attempt);
    const timer = setTimeout(async () => {
      this.retryTimers.delete(timer);
      try {
        await this.publishStream(streamId, Number.MAX_SAFE_INTEGER);
        this.retries.delete(streamId);
      } catch (error) {
        this.logger?.warn({ err: error, streamId, attempt }, 'publishing a stream failed again; retrying later');
        if (this.retries.has(streamId)) this.scheduleRetry(streamId, attempt + 1);
      }
    }, Math.min(1_000 * 2 ** (attempt - 1), 60_000));
    timer.unref();
    this.retryTimers.add(timer);
  }

  /** Deletes markers at once (the sweeper's clean-up of settled and abandoned ones). */
  async clearMarkers(events: Pick<StoredEvent, '_id'>[]): Promise<void> {
    await this.markers.remove(events.map((event) => event._id));
  }
}
