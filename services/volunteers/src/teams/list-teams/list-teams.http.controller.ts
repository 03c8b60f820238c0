import { CurrentPrincipal, keysetPage, Page } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamRepository } from '../team.repository';
import { ListTeamsQuery } from './list-teams.query.dto';
import { TeamPage, TeamSummary } from './team-summary.response.dto';

@ApiTags('teams')
@Controller('teams')
export class ListTeamsHttpController {
  constructor(private readonly teams: TeamRepository) {}

  @Get()
  @ApiOperation({ summary: 'Volunteer teams, oldest first (anyone signed in); member ids only for those who may read the team' })
  @ApiOkResponse({ type: TeamPage })
  list(@Query() query: ListTeamsQuery, @CurrentPrincipal() principal: Principal): Promise<Page<TeamSummary>> {
    const conditions = query.village ? [{ villageId: query.village }] : [];
    return keysetPage(this.teams.viewModel, conditions, { by: 'createdAt', direction: 'oldest-first' }, query, (view) => TeamSummary.from(view, principal));
  }
}
