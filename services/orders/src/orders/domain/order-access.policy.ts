import { hasAnyRole, isStationStaff, Principal } from '@lantern/identity';
import { Fulfiller } from './order.state';

interface OrderScope {
  residentId: string;
  stationId: string;
  /** Absent means not confidential (e.g. a view stored before privacy was recorded on it). */
  privacy?: string;
  claimedBy?: string | null;
  fulfiller?: Fulfiller | null;
}

const isOwner = (principal: Principal, order: OrderScope) => principal.roles.includes('resident') && order.residentId === principal.sub;
const isAdmin = (principal: Principal) => principal.roles.includes('admin');
const isStationSupervisor = (principal: Principal, order: OrderScope) => principal.roles.includes('supervisor') && principal.stations.includes(order.stationId);
const isConfidential = (order: OrderScope) => order.privacy === 'confidential';

/**
 * A confidential service's order (privacy "confidential" on the menu) is seen and acted on by
 * its resident, whoever holds its claim, the fulfiller it was routed to and the supervisors of
 * its station — not by the rest of the station's staff, committee or admins.
 */
function isConfidentialParty(principal: Principal, order: OrderScope): boolean {
  return isOwner(principal, order) || holdsClaim(principal, order) || isStationSupervisor(principal, order) || isFulfillerMember(principal, order);
}

/**
 * Invariant 7: residents see their own orders; staff see their stations'; the members of the
 * fulfiller an order was routed to see that order; admins see all.
 */
export function canSeeOrder(principal: Principal, order: OrderScope): boolean {
  if (isConfidential(order)) return isConfidentialParty(principal, order);
  if (isAdmin(principal) || isOwner(principal, order)) return true;
  return isStationStaff(principal, order.stationId) || isFulfillerMember(principal, order);
}

/** The free-text details of an order: its resident, the social worker who claimed it, and the supervisors of its station. */
export function canSeeDetails(principal: Principal, order: OrderScope): boolean {
  if (isOwner(principal, order) || holdsClaim(principal, order) || isStationSupervisor(principal, order)) return true;
  return isAdmin(principal) && !isConfidential(order);
}

/** Cancel: the resident it is for, staff of its station, or an admin; of a confidential order, its resident, claimant or station supervisors (the status rule is separate). */
export function canCancel(principal: Principal, order: OrderScope): boolean {
  if (isConfidential(order)) return isOwner(principal, order) || holdsClaim(principal, order) || isStationSupervisor(principal, order);
  return isAdmin(principal) || isOwner(principal, order) || isStationStaff(principal, order.stationId);
}

/** Cancel once work has started (IN_PROGRESS): only a supervisor of its station, or an admin. */
export function canCancelStarted(principal: Principal, order: OrderScope): boolean {
  return isAdmin(principal) || (principal.roles.includes('supervisor') && principal.stations.includes(order.stationId));
}

/**
 * Route (and route again after a hand-back): whoever holds the claim — the social worker whose
 * claim won, or the supervisor or committee member who took the escalated order. While nobody
 * holds it (ESCALATED), a supervisor of the station routes it as backstop, and once it reached
 * the committee a member of the village committee may too; routing it is then taking it.
 */
export function canRoute(principal: Principal, order: OrderScope & { status: string; escalationLevel?: string | null }): boolean {
  if (holdsClaim(principal, order)) return true;
  if (order.status !== 'ESCALATED' || !principal.stations.includes(order.stationId)) return false;
  return principal.roles.includes('supervisor') || (principal.roles.includes('committee') && order.escalationLevel === 'committee');
}

/**
 * Fulfil an escalated order directly (start it without routing it elsewhere): the village
 * committee as backstop — the committee member who took it, or, while it waits at the committee
 * level with nobody holding it, a committee member of its station (who then takes it).
 */
export function canFulfilDirectly(principal: Principal, order: OrderScope & { status: string; escalationLevel?: string | null; claimedAs?: string | null }): boolean {
  if (!principal.roles.includes('committee') || !principal.stations.includes(order.stationId)) return false;
  if (order.claimedBy) return order.claimedBy === principal.sub && order.claimedAs === 'committee';
  return order.status === 'ESCALATED' && order.escalationLevel === 'committee';
}

/**
 * Fulfil an escalated order with the station's own staff (complete it without routing it): the
 * station supervisor who took it. The fulfiller is then the station itself.
 */
export function canCompleteDirectly(principal: Principal, order: OrderScope & { claimedAs?: string | null }): boolean {
  return isStationSupervisor(principal, order) && order.claimedBy === principal.sub && order.claimedAs === 'supervisor';
}

/** In what capacity someone who may route an unclaimed escalated order takes it by routing it. */
export function takenAs(principal: Principal): 'supervisor' | 'committee' {
  return principal.roles.includes('supervisor') ? 'supervisor' : 'committee';
}

/** The claim is theirs, and they still act in a role that may hold one. */
function holdsClaim(principal: Principal, order: OrderScope): boolean {
  return !!order.claimedBy && order.claimedBy === principal.sub && hasAnyRole(principal, CLAIM_HOLDER_ROLES);
}

const CLAIM_HOLDER_ROLES = ['social_worker', 'supervisor', 'committee'] as const;

/**
 * Start and complete: a member of the fulfiller the order was routed to. Tokens carry `sub`,
 * `roles` and `stations`, so membership is read from them:
 * - committee: the village committee (fulfiller id = village id); role `committee` and the
 *   order's station among the token's stations;
 * - partner: role `partner` and the organisation's id among the token's `stations` (partner
 *   tokens list their organisation there);
 * - volunteer_team: role `coordinator` and the team's id among the token's `stations`;
 * - station (an order the station fulfilled itself): its supervisors.
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
    case 'station':
      return isStationSupervisor(principal, order);
  }
}

/** Close a low-rating follow-up case: a supervisor of the order's station (its owner reports to them). */
export function canCloseFollowUp(principal: Principal, order: OrderScope): boolean {
  return isStationSupervisor(principal, order);
}

/** Rate: only the resident the order was for. */
export function canRate(principal: Principal, order: OrderScope): boolean {
  return isOwner(principal, order);
}

