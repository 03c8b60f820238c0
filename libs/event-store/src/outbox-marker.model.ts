import { Connection, Model, Schema } from 'mongoose';

/**
 * A note written *before* an event is appended and removed once it is published (or, for a
 * lease, once its writer no longer relies on it). The sweeper only has to scan this small
 * collection (never the event log) to find streams that a crashed writer left unpublished.
 */
export interface OutboxMarker {
  /** The id of the first event it announces: `{streamId}:{version}`. */
  _id: string;
  streamId: string;
  /** The first version it announces; a lease also covers its writer's later appends to the stream. */
  version: number;
  createdAt: Date;
  /**
   * A lease: until then, the writer that won `version` may append to this stream again without
   * writing another marker, so the sweeper keeps it (publishing what it finds unpublished) until
   * this time has passed. Absent on a marker of one append, which goes once its event is out.
   */
  validUntil?: Date;
}

const outboxMarkerSchema = new Schema<OutboxMarker>(
  {
    _id: { type: String, required: true },
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    validUntil: { type: Date, required: false },
  },
  { collection: 'outbox_markers', versionKey: false },
);

export function outboxMarkerModel(connection: Connection): Model<OutboxMarker> {
  return (connection.models.OutboxMarker as Model<OutboxMarker>) ?? connection.model<OutboxMarker>('OutboxMarker', outboxMarkerSchema);
}
