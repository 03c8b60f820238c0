import { Connection, Model, Schema } from 'mongoose';
import { Sketch } from './domain/hyperloglog';
import { StoredEntry } from './domain/merge-day-shards';
import { ReportEntry } from './domain/report-entry';

/**
 * One scope's report for one Shanghai day, `_id` `<scope>|<YYYY-MM-DD>` (e.g.
 * `village:lizhoujiao|2026-11-03`): the entries of the orders placed that day, by order id, the
 * sketch of the residents they served, and the volunteer hours credited that day. Read and written
 * by `_id` only (FerretDB 1.24 indexes nothing else). An order's entry is written into its village's
 * document only (entryScopeOf); a station's and the town's documents hold what was written before
 * that, and the hours (sourcesOf says which documents a report reads). The orders' facts share the
 * collection under their order ids (ReportStore), so an event's writes are one command.
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

/**
 * A writer's shard of a day document as stored: each order's entry packed into one JSON string
 * (packEntry), or, if written before entries were packed, an object.
 *
 * Why packed: FerretDB 1.24 re-encodes every field of a document on every update. An entry
 * has ~20 fields, and an order's entry is written ~4 times into three shards. Measured on this
 * FerretDB, one `$set` of an entry into a shard of 250 entries cost 64.8 ms of its CPU as
 * objects and 16.5 ms as strings (10 entries: 12.0 → 4.5 ms). Nothing queries inside an
 * entry: readers take whole shards by `_id` and merge them in the service.
 */
export type StoredDayShard = Omit<ReportDay, 'orders'> & { orders: Record<string, string | StoredEntry> };

export const packEntry = (entry: StoredEntry): string => JSON.stringify(entry);

/** A stored shard with its entries as objects again. */
export function unpackShard(shard: Partial<StoredDayShard>): Partial<Omit<ReportDay, 'orders'>> & { orders: Record<string, StoredEntry> } {
  const orders: Record<string, StoredEntry> = {};
  for (const [orderId, entry] of Object.entries(shard.orders ?? {})) orders[orderId] = typeof entry === 'string' ? (JSON.parse(entry) as StoredEntry) : entry;
  return { ...shard, orders };
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
