import { CurrentPrincipal, Idempotent, IdempotentRequest, newId, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamResponse } from '../team.response.dto';
import { CreateTeamHandler } from './create-team.handler';
import { CreateTeamRequest } from './create-team.request.dto';

@ApiTags('teams')
@Controller('teams')
export class CreateTeamHttpController {
  constructor(private readonly createTeam: CreateTeamHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a volunteer team with its coordinators (admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key creates one team' })
  @ApiCreatedResponse({ type: TeamResponse })
  async create(@Body() body: CreateTeamRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<TeamResponse> {
    const teamId = newId('team', request.idempotencySeed);
    return TeamResponse.from(await this.createTeam.execute(teamId, principal, body), body.name);
  }
}
