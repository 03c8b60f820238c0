import { Connection, Model, Schema } from 'mongoose';
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
  events: StoredEvent[];
  updatedAt: Date;
}

const streamHeadSchema = new Schema<StreamHead>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    publishedVersion: { type: Number, required: true },
    events: { type: Schema.Types.Mixed, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'stream_heads', versionKey: false, minimize: false },
);

export function streamHeadModel(connection: Connection): Model<StreamHead> {
  return (connection.models.StreamHead as Model<StreamHead>) ?? connection.model<StreamHead>('StreamHead', streamHeadSchema);
}
