import { Connection, Model, mongo, Schema } from 'mongoose';
import { StoredEvent } from './stored-event.model';

/**
 * A stream's events in one document, so a command loads its aggregate with one `_id` lookup
 * instead of probing `{streamId}:{version}` one by one, and knows which of them Kafka has.
 *
 * It is a cache written after the fact, never the arbiter: appends are still decided by the
 * primary key of `events`. A head can therefore lag (a writer died between its insert and its
 * head write) or even step back (two writers' head writes crossed); readers probe the next
 * version to catch up, and a command that decided on a lagging head loses its insert and
 * decides again on a fresh load. `publishedVersion` only ever claims versions Kafka
 * acknowledged, together with every version before them; a head that stepped back under-claims,
 * which costs a duplicate on the topic, never a gap or an inversion.
 */
export interface StreamHead {
  /** The stream id. */
  _id: string;
  version: number;
  /** Every version up to this one has been acknowledged by Kafka, in order. */
  publishedVersion: number;
  /**
   * The events as one BSON document `{ events: [...] }` (packEvents). FerretDB 1.24 encodes and
   * decodes every field of a document on each write and read, and an event has ~15 of them: a
   * head of 1 to 7 order events cost it 3.2 ms of CPU per write and 2.3 ms per read as objects,
   * 1.6 and 0.7 ms as one binary value (measured on this machine). Nothing queries inside it.
   */
  packed?: mongo.Binary;
  /** The events, in a head written before they were packed. */
  events?: StoredEvent[];
  updatedAt: Date;
}

export const packEvents = (events: StoredEvent[]): mongo.Binary => new mongo.Binary(mongo.BSON.serialize({ events }));

/** A head's events, packed or not; BSON keeps every type (dates included) as it was. */
export function eventsOf(head: Pick<StreamHead, 'packed' | 'events'>): StoredEvent[] {
  // value(), not buffer: a Binary's buffer may be longer than what it holds, and deserialize
  // refuses bytes past the document's end.
  if (head.packed) return (mongo.BSON.deserialize(head.packed.value()) as { events: StoredEvent[] }).events;
  return head.events ?? [];
}

const streamHeadSchema = new Schema<StreamHead>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    publishedVersion: { type: Number, required: true },
    packed: { type: Schema.Types.Mixed },
    events: { type: Schema.Types.Mixed },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'stream_heads', versionKey: false, minimize: false },
);

export function streamHeadModel(connection: Connection): Model<StreamHead> {
  return (connection.models.StreamHead as Model<StreamHead>) ?? connection.model<StreamHead>('StreamHead', streamHeadSchema);
}
