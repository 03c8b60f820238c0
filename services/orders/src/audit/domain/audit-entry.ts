import { shanghaiDay } from '../../reports/domain/shanghai-calendar';

/**
 * One thing someone did, as the audit trail keeps it: who, what, when, to which order or
 * subject, at which station. Ids only — never a resident's details; a confidential order's
 * resident appears only as the per-order pseudonym its events carry.
 */
export interface AuditEntry {
  /** The CloudEvents id of the event it comes from, or `read_{uuid}` for a read in the access log. */
  id: string;
  at: string;
  /** The event type without `lantern.` and its version: `order.claimed`, `menu-service.retired`, `order.details-read`. */
  action: string;
  /** Who did it: a subject id, a confidential order's resident pseudonym, or null when Lantern itself did (an escalation). */
  actorId: string | null;
  orderId: string | null;
  stationId: string | null;
  /** What else it was about: `service:{code}` for the menu, `campaign:{id}` for charity sales. */
  subject: string | null;
  /** A few facts of the action (an outcome, a reason, a level); never free text. */
  details: Record<string, string | number | boolean | null>;
}

/**
 * The logs an entry is listed in, each read by `_id` position by position: the Shanghai day's of
 * its order, of its actor, of its station and of the centre. Every log is one day's, so that a
 * day of the trail is kept in one place and expires whole (AuditTrail). A query reads one log per
 * day of its range; by order, per day of the order's life.
 */
export function logsOf(entry: AuditEntry): string[] {
  const day = shanghaiDay(entry.at);
  return [
    ...(entry.orderId ? [orderLog(entry.orderId, day)] : []),
    ...(entry.actorId ? [personLog(entry.actorId, day)] : []),
    ...(entry.stationId ? [stationLog(entry.stationId, day)] : []),
    centreLog(day),
  ];
}

/** The Shanghai day a log is of: what follows its last `|`. */
export const dayOfLog = (log: string) => log.slice(log.lastIndexOf('|') + 1);

export const orderLog = (orderId: string, day: string) => `order:${orderId}|${day}`;
export const personLog = (personId: string, day: string) => `person:${personId}|${day}`;
export const stationLog = (stationId: string, day: string) => `station:${stationId}|${day}`;
export const centreLog = (day: string) => `centre|${day}`;
