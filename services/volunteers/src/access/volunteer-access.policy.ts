import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { isAdmin, isSelf } from './access.policy';
import { TeamMembership } from './team-membership.port';

/** Who may read a volunteer's profile and hours: themselves, admins, and the coordinators of a team they belong to. */
@Injectable()
export class VolunteerAccess {
  constructor(private readonly teams: TeamMembership) {}

  async canRead(principal: Principal, volunteerId: string): Promise<boolean> {
    if (isAdmin(principal) || isSelf(principal, volunteerId)) return true;
    return this.coordinatesTeamOf(principal, volunteerId);
  }

  /** True when one of the caller's coordinated teams (token `stations`) has the volunteer as a member. */
  async coordinatesTeamOf(principal: Principal, volunteerId: string): Promise<boolean> {
    if (!principal.roles.includes('coordinator')) return false;
    // Team streams are short and loaded by `_id`; a coordinator lists a handful of scopes.
    const memberships = await Promise.all(principal.stations.map((scopeId) => this.teams.hasMember(scopeId, volunteerId)));
    return memberships.some(Boolean);
  }

  /**
   * The volunteers a list may show the caller: everyone for admins, else the members of the
   * teams they coordinate (the same rule as `canRead`, read from the team list's documents by `_id`).
   */
  async listable(principal: Principal): Promise<'all' | string[]> {
    if (isAdmin(principal)) return 'all';
    if (!principal.roles.includes('coordinator')) return [];
    return this.teams.listedMemberIds(principal.stations);
  }
}
