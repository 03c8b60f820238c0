import { Connection, Model, Schema } from 'mongoose';
import { Sketch } from './domain/hyperloglog';
import { ReportEntry } from './domain/report-entry';

/**
 * One scope's report for one Shanghai day, `_id` `<scope>|<YYYY-MM-DD>` (e.g.
 * `station:lizhoujiao-east|2026-11-03`): the entries of the orders placed that day, by order id,
 * the sketch of the residents they served, and the volunteer hours credited that day. Read and written by `_id` only (FerretDB 1.24
 * indexes nothing else): a month's report of one scope is at most 31 reads. The orders' facts
 * share the collection under their order ids (ReportStore), so an event's writes are one command.
 */
export interface ReportDay {
  _id: string;
  scope: string;
  day: string;
  orders: Record<string, ReportEntry>;
  served: Sketch;
  /** Volunteer hours credited that day (villages and town), by ledger entry id. */
  volunteerHours: Record<string, VolunteerHours>;
}

export interface VolunteerHours {
  volunteerId: string;
  hours: number;
}

const schema = new Schema<ReportDay>(
  {
    _id: { type: String, required: true },
    scope: { type: String, required: true },
    day: { type: String, required: true },
    orders: { type: Object, default: {} },
    served: { type: Object, default: {} },
    volunteerHours: { type: Object, default: {} },
  },
  { collection: 'report_days', versionKey: false, minimize: false },
);

export const reportDayModel = (connection: Connection): Model<ReportDay> =>
  (connection.models.ReportDay as Model<ReportDay>) ?? connection.model('ReportDay', schema);
