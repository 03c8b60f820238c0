import { Connection, Model, Schema } from 'mongoose';

/** One event of one aggregate stream. The collection is both the source of truth and the outbox. */
export interface StoredEvent {
  /** `{streamId}:{version}`: the primary key itself arbitrates concurrent appends. */
  _id: string;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  /** What the event's writer keeps here and never publishes (NewEvent.internal); absent on most events. */
  internal?: Record<string, unknown>;
  time: Date;
  correlationId: string | null;
  causationId: string | null;
  /** W3C trace context of the work that appended it (CloudEvents distributed-tracing extension). */
  traceparent: string | null;
  tracestate?: string | null;
  actor: string | null;
  /** Null until the event has been acknowledged by Kafka. */
  publishedAt: Date | null;
}

const storedEventSchema = new Schema<StoredEvent>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    eventId: { type: String, required: true },
    type: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    internal: { type: Schema.Types.Mixed },
    time: { type: Date, required: true },
    correlationId: { type: String, default: null },
    causationId: { type: String, default: null },
    traceparent: { type: String, default: null },
    tracestate: { type: String, default: null },
    actor: { type: String, default: null },
    publishedAt: { type: Date, default: null },
  },
  { collection: 'events', versionKey: false, minimize: false },
);
// Serves: the optimistic-concurrency check of an append (also enforced by `_id`), as DESIGN.md asks.
storedEventSchema.index({ streamId: 1, version: 1 }, { unique: true });

export function storedEventModel(connection: Connection): Model<StoredEvent> {
  return (connection.models.StoredEvent as Model<StoredEvent>) ?? connection.model<StoredEvent>('StoredEvent', storedEventSchema);
}

export const eventDocumentId = (streamId: string, version: number) => `${streamId}:${version}`;
