import { validateEventData } from '@lantern/contracts';
import { currentContext, Logger } from '@lantern/logging';
import { randomUUID } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { ConcurrencyError, isDuplicateKeyError } from './errors';
import { OutboxMarker, outboxMarkerModel } from './outbox-marker.model';
import { OutboxPublisher } from './outbox-publisher';
import { eventDocumentId, StoredEvent, storedEventModel } from './stored-event.model';

export interface NewEvent {
  type: string;
  /** Event data without `version`; the store stamps the stream version into it. */
  data: Record<string, unknown>;
}

export interface AppendOptions {
  /** Test hook: runs after the events are stored and before they are published. */
  afterStore?: () => Promise<void> | void;
}

const LOAD_BATCH = 8;

/**
 * Aggregates as event streams with optimistic concurrency: an append at `expectedVersion + 1`
 * is an insert on a primary key, the one arbitration that is atomic on MongoDB and FerretDB alike.
 */
export class EventStore {
  private readonly events: Model<StoredEvent>;
  private readonly markers: Model<OutboxMarker>;

  constructor(
    connection: Connection,
    private readonly publisher: OutboxPublisher,
    private readonly logger?: Logger,
  ) {
    this.events = storedEventModel(connection);
    this.markers = outboxMarkerModel(connection);
  }

  /** Creates the indexes this store relies on (idempotent). */
  async init(): Promise<void> {
    await Promise.all([this.events.createIndexes(), this.markers.createIndexes()]);
  }

  /** All events of a stream in version order; loaded by `_id` probes in small parallel batches. */
  async load(streamId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for (let from = 1; ; from += LOAD_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: LOAD_BATCH }, (_, offset) =>
          this.events.findById(eventDocumentId(streamId, from + offset)).lean<StoredEvent>(),
        ),
      );
      for (const event of batch) {
        if (!event) return events;
        events.push(event);
      }
    }
  }

  /** Whether this store holds the given version of a stream (an `_id` lookup). */
  async has(streamId: string, version: number): Promise<boolean> {
    return (await this.events.exists({ _id: eventDocumentId(streamId, version) })) !== null;
  }

  /**
   * Appends events after `expectedVersion`, then publishes the stream's unpublished tail.
   * Throws ConcurrencyError when another writer took the version first. A failed publish does
   * not fail the append: the outbox marker lets the sweeper finish the job.
   */
  async append(streamId: string, expectedVersion: number, newEvents: NewEvent[], options: AppendOptions = {}): Promise<StoredEvent[]> {
    if (newEvents.length === 0) return [];
    const context = currentContext();
    const time = new Date();
    const documents: StoredEvent[] = newEvents.map((event, index) => {
      const version = expectedVersion + index + 1;
      return {
        _id: eventDocumentId(streamId, version),
        streamId,
        version,
        eventId: randomUUID(),
        type: event.type,
        data: validateEventData(event.type, { ...event.data, version }) as Record<string, unknown>,
        time,
        correlationId: context?.correlationId ?? null,
        causationId: context?.causationId ?? null,
        traceparent: context?.traceparent ?? null,
        actor: context?.actor ?? null,
        publishedAt: null,
      };
    });
    // The marker goes first: if this process dies after the insert, the sweeper still finds it.
    await this.writeMarkers(documents, time);
    await this.insertInOrder(streamId, expectedVersion, documents);
    await options.afterStore?.();
    const last = documents[documents.length - 1];
    try {
      await this.publisher.publishStream(streamId, last.version);
    } catch (error) {
      this.logger?.warn({ err: error, streamId, version: last.version }, 'publish after append failed; the sweeper will retry');
    }
    return documents;
  }

  private async writeMarkers(documents: StoredEvent[], createdAt: Date): Promise<void> {
    try {
      await this.markers.bulkWrite(
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
  }

  private async insertInOrder(streamId: string, expectedVersion: number, documents: StoredEvent[]): Promise<void> {
    for (const [index, document] of documents.entries()) {
      try {
        await this.events.collection.insertOne(document as never);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (index === 0) throw new ConcurrencyError(streamId, expectedVersion);
        // A racing writer saw our first event and appended after it; ours stay valid up to here.
        throw new ConcurrencyError(streamId, document.version - 1);
      }
    }
  }
}
