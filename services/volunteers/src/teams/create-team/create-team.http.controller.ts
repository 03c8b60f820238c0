import { VolunteerTeamCreatedV1 } from '@lantern/contracts';
import { CurrentPrincipal, Idempotent, IdempotentRequest, Principal, Roles } from '@lantern/http';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { TeamResponse } from '../get-team/team.response.dto';
import { TeamRepository } from '../team.repository';
import { CreateTeamRequest } from './create-team.request.dto';

@ApiTags('teams')
@Controller('teams')
export class CreateTeamHttpController {
  constructor(private readonly teams: TeamRepository) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a volunteer team with its coordinators (admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key creates one team' })
  @ApiCreatedResponse({ type: TeamResponse })
  async create(@Body() body: CreateTeamRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<TeamResponse> {
    const teamId = `team_${request.idempotencySeed ?? randomUUID().replace(/-/g, '')}`;
    await this.teams.saveName(teamId, body.name);
    const { state } = await this.teams.execute(teamId, (current) =>
      current.exists
        ? []
        : [
            {
              type: VolunteerTeamCreatedV1.type,
              data: {
                teamId,
                kind: body.kind,
                villageId: body.villageId,
                stationId: body.stationId,
                coordinatorIds: body.coordinatorIds,
                createdBy: principal.sub,
                createdAt: new Date().toISOString(),
              },
            },
          ],
    );
    return TeamResponse.from(state, body.name);
  }
}
