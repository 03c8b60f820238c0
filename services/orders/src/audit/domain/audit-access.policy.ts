import { Principal } from '@lantern/identity';
import { AuditEntry } from './audit-entry';

/** What one audit query asks for: one order's life, or a person's, a station's or the centre's days. */
export type AuditSubject = { kind: 'order'; orderId: string } | { kind: 'person'; personId: string } | { kind: 'station'; stationId: string } | { kind: 'centre' };

const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/**
 * Whether a principal may ask at all: admins anything; supervisors an order or a station of
 * theirs, or a person (whose entries they then see at their stations only); nobody else.
 * An order's station is checked where the order is known (the handler answers 404 otherwise).
 */
export function mayQueryAudit(principal: Principal, subject: AuditSubject, orderStationId?: string): boolean {
  if (isAdmin(principal)) return true;
  if (!principal.roles.includes('supervisor')) return false;
  if (subject.kind === 'station') return principal.stations.includes(subject.stationId);
  if (subject.kind === 'order') return orderStationId !== undefined && principal.stations.includes(orderStationId);
  return subject.kind === 'person';
}

/** Of the entries a query read, those the principal sees: a supervisor those of their stations. */
export function visibleTo(principal: Principal): (entry: AuditEntry) => boolean {
  if (isAdmin(principal)) return () => true;
  return (entry) => entry.stationId !== null && principal.stations.includes(entry.stationId);
}
