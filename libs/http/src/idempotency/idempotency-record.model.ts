import { Connection, Model, Schema } from 'mongoose';

export interface IdempotencyRecord {
  /** `idem:{route}:{principal}:{Idempotency-Key}` — a retry collides on this id. */
  _id: string;
  requestHash: string;
  state: 'pending' | 'done';
  status: number | null;
  body: unknown;
  createdAt: Date;
}

const schema = new Schema<IdempotencyRecord>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true },
    status: { type: Number, default: null },
    body: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'idempotency_records', versionKey: false, minimize: false },
);

export function idempotencyRecordModel(connection: Connection): Model<IdempotencyRecord> {
  return (connection.models.IdempotencyRecord as Model<IdempotencyRecord>) ?? connection.model('IdempotencyRecord', schema);
}
