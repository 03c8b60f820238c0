import { Connection, Model, Schema } from 'mongoose';

/**
 * A note written *before* an event is appended, removed once the event is published.
 * The sweeper only has to scan this small collection (never the event log) to find
 * streams that a crashed writer left unpublished.
 */
export interface OutboxMarker {
  /** Same id as the event it announces: `{streamId}:{version}`. */
  _id: string;
  streamId: string;
  version: number;
  createdAt: Date;
}

const outboxMarkerSchema = new Schema<OutboxMarker>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'outbox_markers', versionKey: false },
);

export function outboxMarkerModel(connection: Connection): Model<OutboxMarker> {
  return (connection.models.OutboxMarker as Model<OutboxMarker>) ?? connection.model<OutboxMarker>('OutboxMarker', outboxMarkerSchema);
}
