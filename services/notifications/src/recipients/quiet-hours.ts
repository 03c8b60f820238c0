import { QuietHours } from './recipient.model';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Wall-clock minute of the day and seconds into it, in a time zone. */
function localClock(at: Date, timeZone: string): { minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  return { minute: part('hour') * 60 + part('minute'), second: part('second') };
}

/**
 * When the quiet hours that contain `at` end, or null when `at` is outside them. Computed on the
 * local wall clock so that a window such as 22:00 → 07:00 follows the recipient's time zone.
 */
export function quietHoursEnd(quiet: QuietHours | null, at: Date): Date | null {
  if (!quiet) return null;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return null;
  const { minute, second } = localClock(at, quiet.timeZone);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const untilEnd = (end - minute + 24 * 60) % (24 * 60);
  const endAt = new Date(at.getTime() + untilEnd * 60_000 - second * 1000 - at.getMilliseconds());
  return endAt;
}

/** The IANA time zones this runtime knows (its ICU's canonical names) and UTC: what quiet hours may name, listed in the OpenAPI document. */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone')];
