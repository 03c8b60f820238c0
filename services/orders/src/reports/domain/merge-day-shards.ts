import { mergeSketches, Sketch } from './hyperloglog';
import { ReportEntry } from './report-entry';

/**
 * An order's entry as a shard stores it: with how many saves of its fact it reflects, and the
 * station it was placed at (in a village's document, where a station's figures are found by it;
 * absent from entries written before entries went to their village only, see entryScopeOf).
 */
export type StoredEntry = ReportEntry & { saves?: number; stationId?: string };

/** What a scope's day holds, in one shard or all of them merged. */
export interface DayContent<Hours> {
  orders: Record<string, StoredEntry>;
  served: Sketch;
  volunteerHours: Record<string, Hours>;
}

/**
 * One scope's day from the shards its writers keep (DayShards): an order written by several (its
 * partition moved to another replica) counts once, with the entry of its latest save; the
 * residents served are the union of the sketches; an hours entry, written under its ledger id,
 * is the same wherever it is.
 */
export function mergeDayShards<Hours>(shards: Partial<DayContent<Hours>>[]): DayContent<Hours> {
  const orders: Record<string, StoredEntry> = {};
  for (const shard of shards) {
    for (const [orderId, entry] of Object.entries(shard.orders ?? {})) {
      const kept = orders[orderId];
      if (!kept || (entry.saves ?? 0) > (kept.saves ?? 0)) orders[orderId] = entry;
    }
  }
  return {
    orders,
    served: mergeSketches(shards.map((shard) => shard.served ?? {})),
    volunteerHours: Object.assign({}, ...shards.map((shard) => shard.volunteerHours ?? {})),
  };
}

/**
 * What of a village's day counts for one of its stations: the entries placed there. Coverage and
 * volunteer hours are a village's and the town's, never a station's.
 */
export function onlyStation<Hours>(day: Partial<DayContent<Hours>>, stationId: string): Partial<DayContent<Hours>> {
  const orders: Record<string, StoredEntry> = {};
  for (const [orderId, entry] of Object.entries(day.orders ?? {})) if (entry.stationId === stationId) orders[orderId] = entry;
  return { orders };
}
