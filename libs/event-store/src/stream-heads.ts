import { Connection, Model } from 'mongoose';
import { retryUpsertRace } from './upsert-by-id';
import { eventDocumentId, StoredEvent, storedEventModel } from './stored-event.model';
import { eventsOf, packEvents, StreamHead, streamHeadModel } from './stream-head.model';

/** A stream as a reader sees it: its events in version order, and how many of them Kafka has. */
export interface StreamSnapshot {
  streamId: string;
  events: StoredEvent[];
  /** Every version up to this one has been acknowledged by Kafka, in order. */
  publishedVersion: number;
}

export interface ReadOptions {
  /**
   * Probe `events` past the head for versions it does not hold yet (one `_id` lookup when the
   * head is current). Readers want this; a command may skip it, because deciding on a lagging
   * head only costs it a lost insert and a second, fresh attempt.
   */
  catchUp: boolean;
}

const HEADLESS_PROBE_BATCH = 8;

/** Reads and writes stream heads; every access is one `_id` lookup or write. */
export class StreamHeads {
  private readonly heads: Model<StreamHead>;
  private readonly events: Model<StoredEvent>;

  constructor(connection: Connection) {
    this.heads = streamHeadModel(connection);
    this.events = storedEventModel(connection);
  }

  async read(streamId: string, { catchUp }: ReadOptions): Promise<StreamSnapshot> {
    // The driver's own read: the packed events come back as the BSON Binary they were written as.
    const head = (await this.heads.collection.findOne({ _id: streamId } as never)) as StreamHead | null;
    const events = head ? eventsOf(head) : [];
    if (catchUp) events.push(...(await this.probeFrom(streamId, events.length + 1)));
    // A stream written before heads existed says on each event whether it went out.
    const publishedVersion = head ? head.publishedVersion : publishedPrefix(events);
    return { streamId, events, publishedVersion };
  }

  /**
   * Versions `from`, `from + 1`, … as long as they exist. Past a head that is one lookup; a
   * stream without a head (new, write-once, or written before heads existed) costs one lookup
   * when it is empty, two when it holds one event (a write-once stream), and is otherwise probed
   * in parallel batches.
   */
  async probeFrom(streamId: string, from: number): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    for (let version = from, batch = 1; ; version += batch, batch = from === 1 && version > 2 ? HEADLESS_PROBE_BATCH : 1) {
      const probed = await Promise.all(
        Array.from({ length: batch }, (_, offset) => this.events.findById(eventDocumentId(streamId, version + offset)).lean<StoredEvent>()),
      );
      for (const event of probed) {
        if (!event) return found;
        found.push(event);
      }
    }
  }

  /** Replaces the head with these events, stamping `publishedAt` on the ones Kafka has. */
  async write(streamId: string, events: StoredEvent[], publishedVersion: number, publishedAt: Date): Promise<void> {
    const stamped = events.map((event) =>
      event.version <= publishedVersion ? { ...event, publishedAt: event.publishedAt ?? publishedAt } : { ...event, publishedAt: null },
    );
    const replace = () =>
      this.heads.collection.replaceOne(
        { _id: streamId } as never,
        { version: events.length, publishedVersion, packed: packEvents(stamped), updatedAt: publishedAt } as never,
        { upsert: true },
      );
    // Two first writes of a head crossed (an upsert is not atomic on FerretDB): the other one
    // inserted it, so this one replaces it. Failing instead would make the writer publish again.
    await retryUpsertRace(replace);
  }
}

function publishedPrefix(events: StoredEvent[]): number {
  let version = 0;
  for (const event of events) {
    if (!event.publishedAt) break;
    version = event.version;
  }
  return version;
}
