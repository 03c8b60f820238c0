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

export const IDEMPOTENCY_RECORDS = 'idempotency_records';

/**
 * How long an Idempotency-Key is remembered: records live in a bucket per UTC day of their first
 * use (`idempotency_records_{yyyymmdd}`) and a request looks in today's and yesterday's, so a retry
 * within 24 hours always finds its key; the RetentionSweeper drops a day's bucket once the next
 * day is over (records live 24–48 h). They hold whole responses — an order's details among them —
 * so they are kept no longer than retries need.
 */
export const IDEMPOTENCY_RECORDS_RETENTION = { base: IDEMPOTENCY_RECORDS, keepDays: 1 } as const;

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
