import { isStationStaff, Principal } from '@lantern/http';
import { MatchingCaseState } from './matching-case.state';

/**
 * Who may know a case exists: admins, staff of its station, and whoever it was offered to.
 * Anyone else gets 404, exactly like a missing order — ids are not an oracle.
 */
export function canSeeCase(principal: Principal, stationId: string, state: MatchingCaseState): boolean {
  if (principal.roles.includes('admin') || isStationStaff(principal, stationId)) return true;
  return state.offers.some((offer) => offer.socialWorkerId === principal.sub);
}
