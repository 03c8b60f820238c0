import { hasAnyRole, isStationStaff, Principal } from '@lantern/http';

interface OrderScope {
  residentId: string;
  stationId: string;
}

/** Invariant 7: residents see their own orders; staff see their stations'; admins see all. */
export function canSeeOrder(principal: Principal, order: OrderScope): boolean {
  if (principal.roles.includes('admin')) return true;
  if (principal.roles.includes('resident') && order.residentId === principal.sub) return true;
  return isStationStaff(principal, order.stationId);
}

/**
 * The free-text details of an order: its resident, and the supervisors of its station.
 * (The claiming social worker joins this list with the matching flow.)
 */
export function canSeeDetails(principal: Principal, order: OrderScope): boolean {
  if (principal.roles.includes('resident') && order.residentId === principal.sub) return true;
  return hasAnyRole(principal, ['supervisor', 'admin']) && (principal.roles.includes('admin') || principal.stations.includes(order.stationId));
}
