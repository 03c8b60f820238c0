import { badRequest } from '@lantern/http';
import { daysBetween, isCalendarDay, MAX_RANGE_DAYS, Period, periodAround, shanghaiDay } from '../domain/shanghai-calendar';
import { ReportQuery } from './report.query.dto';

export type ResolvedPeriod = Period & { kind: NonNullable<ReportQuery['period']> };

/** The period a query asks for; a clear 400 naming the field when it cannot be one. */
export function resolvePeriod(query: ReportQuery, now = new Date()): ResolvedPeriod {
  const kind = query.period ?? 'month';
  const field = (name: keyof ReportQuery, message: string) => badRequest(`Invalid report period: ${message}`, [{ field: `query.${name}`, message }]);
  if (kind !== 'range') {
    if (query.from || query.to) throw field(query.from ? 'from' : 'to', 'from and to are for period=range only');
    const day = query.date ?? shanghaiDay(now);
    if (!isCalendarDay(day)) throw field('date', 'is not a calendar day');
    return { kind, ...periodAround(kind, day) };
  }
  if (query.date) throw field('date', 'date is not for period=range; give from and to');
  for (const name of ['from', 'to'] as const) {
    const value = query[name];
    if (!value) throw field(name, 'is required for period=range');
    if (!isCalendarDay(value)) throw field(name, 'is not a calendar day');
  }
  const days = daysBetween(query.from!, query.to!);
  if (days.length === 0) throw field('to', 'must not be before from');
  if (days.length > MAX_RANGE_DAYS) throw field('to', `a range spans at most ${MAX_RANGE_DAYS} days`);
  return { kind, from: query.from!, to: query.to!, days };
}
