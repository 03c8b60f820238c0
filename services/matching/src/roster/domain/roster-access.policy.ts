import { Principal } from '@lantern/identity';

/**
 * Who may change a roster entry: an admin, or a supervisor of every station the entry covers —
 * before and after the change, so nobody can pull a worker out of a station they do not run.
 */
export function canManageRosterEntry(principal: Principal, stationsBefore: readonly string[], stationsAfter: readonly string[]): boolean {
  if (principal.roles.includes('admin')) return true;
  if (!principal.roles.includes('supervisor')) return false;
  return [...stationsBefore, ...stationsAfter].every((station) => principal.stations.includes(station));
}

/** Who may read a roster entry: admins, and staff of one of the stations it covers. */
export function canSeeRosterEntry(principal: Principal, stations: readonly string[]): boolean {
  return principal.roles.includes('admin') || stations.some((station) => principal.stations.includes(station));
}
