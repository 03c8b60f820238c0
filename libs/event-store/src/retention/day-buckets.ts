export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records that expire live in one collection per UTC day, `{base}_{yyyymmdd}`, so that expiring
 * them is dropping whole collections — one command, whatever they hold — instead of a
 * delete by date, which FerretDB answers by reading every record (it has no TTL index, and
 * indexes serve `_id` equality only). Reads and writes stay `_id` lookups in a named bucket.
 */
export function dayBucket(base: string, at: Date): string {
  return `${base}_${at.toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The UTC day a bucket of `base` holds (its midnight), or null when the name is not one of its buckets. */
export function bucketDay(base: string, name: string): Date | null {
  const match = new RegExp(`^${base}_(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? null : day;
}

/**
 * The moment whose day bucket holds a record dated by an event: the event's own time (the same
 * on every copy, so a redelivery finds the record in the same bucket), or now when the event has
 * no usable time or one more than a day ahead — a clock that far off must not park a record
 * beyond its window.
 */
export function eventDay(eventTime?: string | Date, now = new Date()): Date {
  const time = eventTime ? new Date(eventTime) : now;
  return Number.isNaN(time.getTime()) || time.getTime() > now.getTime() + DAY_MS ? now : time;
}
