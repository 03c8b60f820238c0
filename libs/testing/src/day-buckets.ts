import { Connection } from 'mongoose';

/**
 * Documents across every day bucket of an expiring kind of record (`{base}_{yyyymmdd}`, see
 * @lantern/event-store's dayBucket), e.g. all processed-message records whatever their day.
 */
export async function countInDayBuckets(database: Connection, base: string, filter: Record<string, unknown> = {}): Promise<number> {
  const names = (await database.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
  const buckets = names.filter((name) => new RegExp(`^${base}_\\d{8}$`).test(name));
  const counts = await Promise.all(buckets.map((name) => database.collection(name).countDocuments(filter)));
  return counts.reduce((sum, count) => sum + count, 0);
}
