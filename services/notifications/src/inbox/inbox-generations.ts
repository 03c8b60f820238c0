import { DAY_MS } from '@lantern/event-store';

/**
 * Days an inbox generation covers. Messages are kept by generations, because an inbox's logs
 * count on positions 1, 2, 3, … without gaps and so cannot lose their oldest positions in place:
 * each generation is a whole inbox store of its own (its logs start at 1), and expiring one is
 * dropping its collections. 30: a message lives its window plus up to 30 days, and reading an
 * inbox reads at most ⌈(window + 30) / 30⌉ stores (4 for 90 days); day buckets would make every
 * count read 91.
 */
export const GENERATION_DAYS = 30;

/** A generation: its first day (`yyyymmdd`, the suffix of its collections), or null for the store of the messages kept before generations. */
export type Generation = string | null;

const dayIndex = (at: Date) => Math.floor(at.getTime() / DAY_MS);
const nameOf = (firstDay: number) => new Date(firstDay * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
const firstDayOf = (at: Date) => Math.floor(dayIndex(at) / GENERATION_DAYS) * GENERATION_DAYS;

/**
 * Which generation holds a message dated `at` (its cause event's time, the same on every copy):
 * the one before generations (null) for a time before `cutover` — so that an event handled before
 * the upgrade and redelivered after it collides with its message there — else the one of its day.
 */
export function generationOf(at: Date, cutover: Date): Generation {
  return at.getTime() < cutover.getTime() ? null : nameOf(firstDayOf(at));
}

/**
 * The generations whose messages are still kept at `now`, newest first: a generation is kept
 * until `keepDays` whole days after the end of its last day (when the RetentionSweeper drops it).
 * The store before generations counts as ending on the cutover's day; without a cutover (a
 * database that had no messages before) there is none.
 */
export function keptGenerations(now: Date, keepDays: number, cutover: Date): Generation[] {
  const today = dayIndex(now);
  const kept: Generation[] = [];
  for (let first = firstDayOf(now); first + GENERATION_DAYS + keepDays > today && first >= firstDayOf(cutover); first -= GENERATION_DAYS) kept.push(nameOf(first));
  if (cutover.getTime() > 0 && dayIndex(cutover) + 1 + keepDays > today) kept.push(null);
  return kept;
}

/** Whole days after a generation's first day that the RetentionSweeper keeps its collections (a RetentionRule's keepDays). */
export const generationKeepDays = (keepDays: number) => keepDays + GENERATION_DAYS - 1;

/** The collections of an inbox generation (InboxStore): messages with their positions, reads, read marks, heads. */
export const INBOX_COLLECTIONS = ['inbox_entries', 'inbox_reads', 'inbox_read_marks', 'inbox_heads'];
