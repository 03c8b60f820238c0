import { isStationStaff, Principal } from '@lantern/http';
import { Fulfiller } from './order.state';

interface OrderScope {
  residentId: string;
  stationId: string;
  claimedBy?: string | null;
  fulfiller?: Fulfiller | null;
}

const isOwner = (principal: Principal, order: OrderScope) => principal.roles.includes('resident') && order.residentId === principal.sub;
const isAdmin = (principal: Principal) => principal.roles.includes('admin');

/**
 * Invariant 7: residents see their own orders; staff see their stations'; the members of the
 * fulfiller an order was routed to see that order; admins see all.
 */
export function canSeeOrder(principal: Principal, order: OrderScope): boolean {
  if (isAdmin(principal) || isOwner(principal, order)) return true;
  return isStationStaff(principal, order.stationId) || isFulfillerMember(principal, order);
}

/** The free-text details of an order: its resident, the social worker who claimed it, and the supervisors of its station. */
export function canSeeDetails(principal: Principal, order: OrderScope): boolean {
  if (isAdmin(principal) || isOwner(principal, order)) return true;
  if (order.claimedBy && order.claimedBy === principal.sub && principal.roles.includes('social_worker')) return true;
  return principal.roles.includes('supervisor') && principal.stations.includes(order.stationId);
}

/** Cancel: the resident it is for, staff of its station, or an admin (the status rule is separate). */
export function canCancel(principal: Principal, order: OrderScope): boolean {
  return isAdmin(principal) || isOwner(principal, order) || isStationStaff(principal, order.stationId);
}

/**
 * Route: the social worker whose claim won. When nobody claimed in time (ESCALATED), a
 * supervisor of the station routes it instead — the backstop.
 */
export function canRoute(principal: Principal, order: OrderScope & { status: string }): boolean {
  if (order.claimedBy && order.claimedBy === principal.sub && principal.roles.includes('social_worker')) return true;
  return order.status === 'ESCALATED' && principal.roles.includes('supervisor') && principal.stations.includes(order.stationId);
}

/**
 * Start and complete: a member of the fulfiller the order was routed to. Tokens carry `sub`,
 * `roles` and `stations`, so membership is read from them:
 * - committee: the village committee (fulfiller id = village id); role `committee` and the
 *   order's station among the token's stations;
 * - partner: role `partner` and the organisation's id among the token's `stations` (partner
 *   tokens list their organisation there);
 * - volunteer_team: role `coordinator` and the team's id among the token's `stations`.
 */
export function isFulfillerMember(principal: Principal, order: OrderScope): boolean {
  const fulfiller = order.fulfiller;
  if (!fulfiller) return false;
  switch (fulfiller.type) {
    case 'committee':
      return principal.roles.includes('committee') && principal.stations.includes(order.stationId);
    case 'partner':
      return principal.roles.includes('partner') && principal.stations.includes(fulfiller.id);
    case 'volunteer_team':
      return principal.roles.includes('coordinator') && principal.stations.includes(fulfiller.id);
  }
}

/** Rate: only the resident the order was for. */
export function canRate(principal: Principal, order: OrderScope): boolean {
  return isOwner(principal, order);
}

