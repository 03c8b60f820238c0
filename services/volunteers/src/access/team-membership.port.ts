/**
 * What the access rules need to know of teams. `access/` is the floor every area stands on, and
 * `teams/` stands on volunteers (a member must be a registered volunteer), so the rules name what
 * they ask here and `teams/` answers it: TeamRepository implements this, bound in
 * volunteers.module.ts. Both answers are reads by `_id`.
 */
export abstract class TeamMembership {
  /** Whether the team exists and has this volunteer as a member now (read from the team's stream). */
  abstract hasMember(teamId: string, volunteerId: string): Promise<boolean>;

  /** The members of these teams, as the team list's documents hold them (unknown teams add none). */
  abstract listedMemberIds(teamIds: string[]): Promise<string[]>;
}
