import { now } from '@lantern/clock';
import { validateEventData } from '@lantern/contracts';
import { currentContext, Logger } from '@lantern/logging';
import { currentTraceHeaders } from '@lantern/telemetry';
import { randomUUID } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { BoundedMap } from './bounded-map';
import { ConcurrencyError } from './errors';
import { insertInOrder } from './insert-in-order';
import { KeyedSerializer } from './keyed-serializer';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { OutboxPublisher } from './outbox-publisher';
import { eventDocumentId, StoredEvent, storedEventModel } from './stored-event.model';
import { ReadOptions, StreamHeads, StreamSnapshot } from './stream-heads';

export interface NewEvent {
  type: string;
  /** Event data without `version`; the store stamps the stream version into it. */
  data: Record<string, unknown>;
  /**
   * Facts kept with the event in this service's store and never published (e.g. who a
   * confidential order is for, while its published data names them by a pseudonym only).
   */
  internal?: Record<string, unknown>;
}

export interface AppendOptions {
  /** Test hook: runs after the events are stored and before they are published. */
  afterStore?: () => Promise<void> | void;
  /** The stream as the caller loaded it before deciding; saves reading it again. */
  prior?: StreamSnapshot;
  /**
   * The stream is never appended to again (its first append is its only one, at version 0 — a
   * delivery's outcome, say): no head is written. Its head is what a reader infers anyway when it
   * finds no head and nothing past these versions, and what Kafka has of it is told by its marker,
   * which stays until the publish is acknowledged. One command less per such append.
   */
  writeOnce?: boolean;
}

/** Streams whose latest snapshot this process keeps (a few KB each). */
const RECENT_STREAMS = 2_000;

/**
 * Aggregates as event streams with optimistic concurrency: an append at `expectedVersion + 1`
 * is an insert on a primary key, the one arbitration that is atomic on MongoDB and FerretDB alike.
 * Each stream also has a head document (see StreamHead), so loading it is one `_id` lookup.
 */
export class EventStore {
  private readonly events: Model<StoredEvent>;
  private readonly markers: Model<OutboxMarker>;
  private readonly heads: StreamHeads;
  /**
   * The streams this process appended to or read lately, as it last saw them, so that a command
   * on one of them (`catchUp: false`) reads nothing before deciding. Like a lagging head, a
   * snapshot here may be behind the stream (another replica appended since), never ahead of it:
   * it only holds events this process read or inserted. Deciding on one that is behind costs a
   * lost insert and a fresh load (AggregateRepository), never a wrong append.
   */
  private readonly recent = new BoundedMap<string, StreamSnapshot>(RECENT_STREAMS);
  /**
   * Appends this process has under way, by stream (tracked, not queued: an append may be made
   * inside another's). `recent` learns an append only once its publish and head write are done,
   * yet its events are on Kafka before that: a consumer in this same process (a projector
   * checking the stream is ours) or a request (the GET that follows the event) arriving in
   * between would read the head — not written yet — and probe. They wait the few ms for the
   * append instead, then answer from memory.
   */
  private readonly appending = new KeyedSerializer();

  constructor(
    connection: Connection,
    private readonly publisher: OutboxPublisher,
    private readonly logger?: Logger,
  ) {
    this.events = storedEventModel(connection);
    this.markers = outboxMarkerModel(connection);
    this.heads = new StreamHeads(connection);
  }

  /** Creates the indexes this store relies on (idempotent). */
  async init(): Promise<void> {
    await Promise.all([this.events.createIndexes(), this.markers.createIndexes()]);
  }

  /** All events of a stream in version order: its head, and a probe for anything past it. */
  async load(streamId: string): Promise<StoredEvent[]> {
    return (await this.read(streamId, { catchUp: true })).events;
  }

  /**
   * The stream with what Kafka has of it. `catchUp: false` trusts what this process last saw of
   * it, or else the head (one lookup). `catchUp: true` looks for the version after what this
   * process saw (one lookup when nobody else wrote since); when there is one, another replica
   * wrote, and what Kafka has of its events is in the head, read next.
   */
  async read(streamId: string, options: ReadOptions): Promise<StreamSnapshot> {
    await this.appending.settled(streamId);
    return this.readNow(streamId, options);
  }

  private async readNow(streamId: string, options: ReadOptions): Promise<StreamSnapshot> {
    const seen = this.recent.get(streamId);
    if (seen && (!options.catchUp || (await this.heads.probeFrom(streamId, seen.events.length + 1)).length === 0)) return { ...seen, events: [...seen.events] };
    const snapshot = await this.heads.read(streamId, options);
    this.recent.set(streamId, snapshot);
    return snapshot;
  }

  /** Whether this store holds the given version of a stream (an `_id` lookup, unless this process saw it). */
  async has(streamId: string, version: number): Promise<boolean> {
    if ((this.recent.get(streamId)?.events.length ?? 0) >= version) return true;
    await this.appending.settled(streamId);
    if ((this.recent.get(streamId)?.events.length ?? 0) >= version) return true;
    return (await this.events.exists({ _id: eventDocumentId(streamId, version) })) !== null;
  }

  /**
   * Appends events after `expectedVersion`, then publishes the stream's unpublished tail from
   * memory and writes its head. Throws ConcurrencyError when another writer took the version
   * first. A failed publish does not fail the append: this process retries it, and its marker lets the
   * sweeper finish if the process dies first.
   */
  append(streamId: string, expectedVersion: number, newEvents: NewEvent[], options: AppendOptions = {}): Promise<StoredEvent[]> {
    if (newEvents.length === 0) return Promise.resolve([]);
    return this.appending.track(streamId, this.appendNow(streamId, expectedVersion, newEvents, options));
  }

  private async appendNow(streamId: string, expectedVersion: number, newEvents: NewEvent[], options: AppendOptions): Promise<StoredEvent[]> {
    if (options.writeOnce && expectedVersion !== 0) throw new Error(`A write-once stream is appended to at version 0 only (${streamId})`);
    const context = currentContext();
    // The span appending (a request's, a consumer's, a timer's): what these events cause continues its trace.
    const trace = currentTraceHeaders();
    const time = new Date();
    const recordedAt = now();
    const documents: StoredEvent[] = newEvents.map((event, index) => {
      const version = expectedVersion + index + 1;
      return {
        _id: eventDocumentId(streamId, version),
        streamId,
        version,
        eventId: randomUUID(),
        type: event.type,
        data: validateEventData(event.type, { ...event.data, version }) as Record<string, unknown>,
        ...(event.internal ? { internal: event.internal } : {}),
        // When it happened: the wall clock, or the past a demo seeder plays (@lantern/clock).
        time: recordedAt,
        correlationId: context?.correlationId ?? null,
        causationId: context?.causationId ?? null,
        traceparent: trace.traceparent ?? null,
        tracestate: trace.tracestate ?? null,
        actor: context?.actor ?? null,
        // Whether Kafka has it is recorded in the stream head, not here: one write per append.
        publishedAt: null,
      };
    });
    // Without the caller's snapshot, what this process saw last or the head will do: the insert
    // below arbitrates, and versions they lack are fetched after it, only if they turn out to exist.
    const prior = options.prior ?? (expectedVersion === 0 ? { streamId, events: [], publishedVersion: 0 } : await this.readNow(streamId, { catchUp: false }));
    // The marker goes first (or this process's lease on the stream covers it): if this process
    // dies after the insert, the sweeper still finds it.
    const announcement = await this.publisher.markers.announce(documents, time, { lease: !options.writeOnce });
    await this.insertInOrder(streamId, expectedVersion, documents).catch((error: unknown) => {
      // What was not stored is never published: out of the backlog (a marker left behind is the sweeper's).
      const stored = error instanceof ConcurrencyError ? error.expectedVersion - expectedVersion : 0;
      this.publisher.markers.forget(documents.slice(stored).map((document) => document._id), announcement, { lostFirst: stored === 0 && error instanceof ConcurrencyError });
      throw error;
    });
    await options.afterStore?.();
    const before = prior.events.length < expectedVersion
      ? [...prior.events, ...(await this.heads.probeFrom(streamId, prior.events.length + 1))].slice(0, expectedVersion)
      : prior.events;
    const snapshot = { streamId, events: [...before, ...documents], publishedVersion: Math.min(prior.publishedVersion, expectedVersion) };
    try {
      await this.publisher.publishSnapshot(snapshot, Number.MAX_SAFE_INTEGER, { writeHead: !options.writeOnce });
      const published = snapshot.events.map((event) => (event.publishedAt ? event : { ...event, publishedAt: time }));
      if (!options.writeOnce) this.recent.set(streamId, { streamId, events: published, publishedVersion: published.length });
    } catch (error) {
      // What Kafka has of it is now the retry's to know: the next command reads the head.
      this.recent.delete(streamId);
      this.logger?.warn({ err: error, streamId, version: expectedVersion + documents.length }, 'publish after append failed; retrying from memory');
      // The head still moves on, unpublished, so the next load stays one lookup.
      if (!options.writeOnce) await this.heads.write(streamId, snapshot.events, snapshot.publishedVersion, time).catch(() => undefined);
      this.publisher.retryLater(streamId);
    }
    return documents;
  }
  /** In order: the first that another writer took stops the rest (one command up to 100 events). */
  private async insertInOrder(streamId: string, expectedVersion: number, documents: StoredEvent[]): Promise<void> {
    const stored = await insertInOrder(this.events.collection, documents);
    // At 0 the version was taken; past it, a racing writer saw our first events and appended after them.
    if (stored < documents.length) throw new ConcurrencyError(streamId, expectedVersion + stored);
  }
}
