import { Principal } from '@lantern/identity';
import { coordinates, isAdmin } from '../../access/access.policy';
import { Team } from './team.state';

/** Who sees a team's members: admins, its coordinators and its members. */
export function readsTeam(principal: Principal, team: Pick<Team, 'id' | 'memberIds'>): boolean {
  return isAdmin(principal) || coordinates(principal, team.id) || team.memberIds.includes(principal.sub);
}
