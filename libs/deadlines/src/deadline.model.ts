import { Connection, Model, Schema } from 'mongoose';

/** Something that must happen at a time unless it is cancelled first (an SLA clock). */
export interface Deadline {
  /** Derived from what set it (e.g. `claim-sla:{orderId}:{round}`), so setting it twice is harmless. */
  _id: string;
  kind: string;
  aggregateId: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** W3C trace context of the work that set it: its firing continues that trace. */
  traceparent?: string | null;
  tracestate?: string | null;
}

const schema = new Schema<Deadline>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    aggregateId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    traceparent: { type: String, default: null },
    tracestate: { type: String, default: null },
  },
  { collection: 'deadlines', versionKey: false, minimize: false },
);
// No secondary index: replicas keep the pending deadlines in memory and touch this collection
// by `_id`, except the scan that reloads them all (start-up, rebalances), which an index on
// `dueAt` would not shorten.

export const deadlineModel = (connection: Connection): Model<Deadline> =>
  (connection.models.Deadline as Model<Deadline>) ?? connection.model('Deadline', schema);
