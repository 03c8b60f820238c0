import { badRequest } from '@lantern/http';
import { daysBetween, shanghaiDay } from '../../reports/domain/shanghai-calendar';
import { AUDIT_RETENTION } from '../audit-log.model';
import { AuditSubject } from '../domain/audit-access.policy';
import { centreLog, orderLog, personLog, stationLog } from '../domain/audit-entry';
import { AuditQuery } from './audit.query.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A query by person, station or for the centre reads one log per Shanghai day of its range. */
export const MAX_WINDOW_DAYS = 31;
const DEFAULT_WINDOW_DAYS = 7;

/** What a query reads: its logs, latest first, and the instants its entries must fall between. */
export interface AuditWindow {
  subject: AuditSubject;
  logs: string[];
  from: number;
  to: number;
}

const invalid = (name: keyof AuditQuery, message: string) => badRequest(`Invalid audit query: ${name} ${message}`, [{ field: `query.${name}`, message }]);

/** The subject, the logs and the time window of a query; a 400 naming the field when it is not one. */
export function auditWindow(query: AuditQuery, now = new Date()): AuditWindow {
  const named = (['orderId', 'personId', 'stationId'] as const).filter((name) => query[name] !== undefined);
  if (named.length > 1) throw invalid(named[1], `cannot be combined with ${named[0]}: ask for one order, person or station at a time`);
  const to = query.to ? Date.parse(query.to) : now.getTime();
  if (query.orderId) {
    // An order's trail is its whole life, one log per day: which days, its placement says (orderLogs).
    return { subject: { kind: 'order', orderId: query.orderId }, logs: [], from: query.from ? Date.parse(query.from) : 0, to };
  }
  const from = query.from ? Date.parse(query.from) : to - DEFAULT_WINDOW_DAYS * DAY_MS;
  if (from > to) throw invalid('to', 'must not be before from');
  const days = daysBetween(shanghaiDay(new Date(from)), shanghaiDay(new Date(to))).reverse();
  if (days.length > MAX_WINDOW_DAYS) throw invalid('to', `a query by person, station or time spans at most ${MAX_WINDOW_DAYS} days (Asia/Shanghai)`);
  if (query.personId) return { subject: { kind: 'person', personId: query.personId }, logs: days.map((day) => personLog(query.personId!, day)), from, to };
  if (query.stationId) return { subject: { kind: 'station', stationId: query.stationId }, logs: days.map((day) => stationLog(query.stationId!, day)), from, to };
  return { subject: { kind: 'centre' }, logs: days.map(centreLog), from, to };
}

/**
 * The logs of an order's trail, latest first: one per Shanghai day from its placement (or the
 * window's start, if later; never before the oldest day still kept) to the window's end (never
 * past tomorrow). None for an order that is not here. A day that holds none of it costs one
 * lookup: an order's whole trail a year after its placement reads about 366 logs.
 */
export function orderLogs(orderId: string, placedAt: string | null, window: AuditWindow, now = new Date()): string[] {
  if (!placedAt) return [];
  const from = Math.max(window.from, Date.parse(placedAt), now.getTime() - (AUDIT_RETENTION.keepDays + 1) * DAY_MS);
  const to = Math.min(window.to, now.getTime() + DAY_MS);
  if (from > to) return [];
  return daysBetween(shanghaiDay(new Date(from)), shanghaiDay(new Date(to)))
    .reverse()
    .map((day) => orderLog(orderId, day));
}
