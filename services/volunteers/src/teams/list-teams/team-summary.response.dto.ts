import { Principal } from '@lantern/identity';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { readsTeam } from '../domain/team-access.policy';
import { TeamResponse } from '../team.response.dto';
import { TeamView } from '../team-view.model';

/** A team as anyone signed in may see it; member ids only for those who may read the team. */
export class TeamSummary extends OmitType(TeamResponse, ['memberIds'] as const) {
  @ApiProperty() memberCount: number;
  @ApiPropertyOptional({ type: [String], description: 'Volunteer ids; only for admins, the team’s coordinators and its members' }) memberIds?: string[];

  static from(view: TeamView, principal: Principal): TeamSummary {
    const { _id: id, name, kind, villageId, stationId, coordinatorIds, memberIds, createdAt } = view;
    const summary = { id, name, kind, villageId, stationId, coordinatorIds, memberCount: memberIds.length, createdAt: createdAt.toISOString() };
    return readsTeam(principal, { id, memberIds }) ? { ...summary, memberIds } : summary;
  }
}

export class TeamPage {
  @ApiProperty({ type: [TeamSummary] }) items: TeamSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
