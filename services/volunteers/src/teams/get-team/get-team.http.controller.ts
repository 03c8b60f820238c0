import { CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readsTeam } from '../domain/team-access.policy';
import { TeamRepository } from '../team.repository';
import { TeamResponse } from '../team.response.dto';

@ApiTags('teams')
@Controller('teams')
export class GetTeamHttpController {
  constructor(private readonly teams: TeamRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'A team with its coordinators and members (admins, its coordinators, its members)' })
  @ApiOkResponse({ type: TeamResponse })
  async get(@Param('id') teamId: string, @CurrentPrincipal() principal: Principal): Promise<TeamResponse> {
    const team = await this.teams.load(teamId);
    if (!team.exists || !readsTeam(principal, team)) throw notFound(`Team ${teamId}`);
    return TeamResponse.from(team, await this.teams.findName(teamId));
  }
}
