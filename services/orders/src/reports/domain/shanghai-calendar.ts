/**
 * The calendar reports are kept in: Asia/Shanghai, a fixed UTC+08:00 (China has no daylight
 * saving time since 1991), so a day is computed by shifting the instant, with no time-zone database.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A custom range may span at most a year of days: a report reads one document per day and scope. */
export const MAX_RANGE_DAYS = 366;

/** `YYYY-MM-DD`, the Shanghai calendar day an instant falls on. */
export function shanghaiDay(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export type PeriodKind = 'day' | 'week' | 'month' | 'range';

export interface Period {
  from: string;
  to: string;
  days: string[];
}

const midnightUtcOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = midnightUtcOf(from); ms <= midnightUtcOf(to); ms += DAY_MS) days.push(dayAt(ms));
  return days;
}

/** The day, the Monday-to-Sunday week or the calendar month that holds `day`. */
export function periodAround(kind: Exclude<PeriodKind, 'range'>, day: string): Period {
  const at = midnightUtcOf(day);
  if (kind === 'day') return { from: day, to: day, days: [day] };
  if (kind === 'week') {
    const sinceMonday = (new Date(at).getUTCDay() + 6) % 7;
    const from = dayAt(at - sinceMonday * DAY_MS);
    const to = dayAt(at + (6 - sinceMonday) * DAY_MS);
    return { from, to, days: daysBetween(from, to) };
  }
  const date = new Date(at);
  const from = dayAt(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const to = dayAt(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
  return { from, to, days: daysBetween(from, to) };
}

/** A real calendar day (`2026-02-30` is not). */
export function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(midnightUtcOf(value)) && dayAt(midnightUtcOf(value)) === value;
}
