import { Connection, Model, Schema } from 'mongoose';
import { Sketch } from './domain/hyperloglog';
import { ReportEntry } from './domain/report-entry';

/**
 * One scope's report for one Shanghai day, `_id` `<scope>|<YYYY-MM-DD>` (e.g.
 * `station:lizhoujiao-east|2026-11-03`): the entries of the orders placed that day, by order id,
 * and the sketch of the residents they served. Read and written by `_id` only (FerretDB 1.24
 * indexes nothing else): a month's report of one scope is at most 31 reads.
 */
export interface ReportDay {
  _id: string;
  scope: string;
  day: string;
  orders: Record<string, ReportEntry>;
  served: Sketch;
}

const schema = new Schema<ReportDay>(
  {
    _id: { type: String, required: true },
    scope: { type: String, required: true },
    day: { type: String, required: true },
    orders: { type: Object, default: {} },
    served: { type: Object, default: {} },
  },
  { collection: 'report_days', versionKey: false, minimize: false },
);

export const reportDayModel = (connection: Connection): Model<ReportDay> =>
  (connection.models.ReportDay as Model<ReportDay>) ?? connection.model('ReportDay', schema);
