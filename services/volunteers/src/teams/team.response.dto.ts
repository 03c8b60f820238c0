import { TEAM_KINDS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Team } from './domain/team.state';

export class TeamResponse {
  @ApiProperty({ example: 'team_…' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TEAM_KINDS }) kind: string;
  @ApiProperty() villageId: string;
  @ApiProperty() stationId: string;
  @ApiProperty({ type: [String] }) coordinatorIds: string[];
  @ApiProperty({ type: [String], description: 'Volunteer ids' }) memberIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(state: Team, name: string | null): TeamResponse {
    const { id, kind, villageId, stationId, coordinatorIds, memberIds, createdAt } = state;
    return { id, name: name ?? '', kind, villageId, stationId, coordinatorIds, memberIds, createdAt };
  }
}
