import { isStationStaff, Principal } from '@lantern/identity';
import { lastEscalation, MatchingCaseState } from './matching-case.state';

/**
 * Who may know a case exists: admins, staff of its station, and whoever it was offered to.
 * Anyone else gets 404, exactly like a missing order — ids are not an oracle.
 */
export function canSeeCase(principal: Principal, stationId: string, state: MatchingCaseState): boolean {
  if (principal.roles.includes('admin') || isStationStaff(principal, stationId)) return true;
  return state.offers.some((offer) => offer.socialWorkerId === principal.sub);
}

/**
 * Who may take an escalated order, and as what: a supervisor of its station at either level; a
 * member of its village committee once it reached the committee (the backstop, 兜底). Null when
 * the caller takes it as nobody — then only an open offer lets them claim.
 */
export function escalationTaker(principal: Principal, stationId: string, state: MatchingCaseState): 'supervisor' | 'committee' | null {
  if (state.status !== 'ESCALATED' || !principal.stations.includes(stationId)) return null;
  if (principal.roles.includes('supervisor')) return 'supervisor';
  if (principal.roles.includes('committee') && lastEscalation(state)?.level === 'committee') return 'committee';
  return null;
}

/** Why someone may not take an escalated order, naming who may. */
export function escalatedRefusal(state: MatchingCaseState): string {
  return lastEscalation(state)?.level === 'committee'
    ? 'Only a supervisor of the station or a member of its village committee may take this escalated order'
    : 'Only a supervisor of the station may claim an escalated order';
}

/** Reassign a claim: the social worker who holds it, or a supervisor of the station. */
export function canReassign(principal: Principal, stationId: string, state: MatchingCaseState): boolean {
  if (state.claimedBy === principal.sub && principal.roles.includes('social_worker')) return true;
  return principal.roles.includes('supervisor') && principal.stations.includes(stationId);
}
