import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamRepository } from '../team.repository';
import { TeamResponse } from '../team.response.dto';
import { AddMemberHandler } from './add-member.handler';
import { AddMemberRequest } from './add-member.request.dto';

@ApiTags('teams')
@Controller('teams')
export class AddMemberHttpController {
  constructor(
    private readonly addMember: AddMemberHandler,
    private readonly teams: TeamRepository,
  ) {}

  @Post(':id/members')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: "Add a registered volunteer to a team (the team's coordinators, admins); adding twice changes nothing" })
  @ApiOkResponse({ type: TeamResponse })
  @ApiProblemResponses({ 409: 'The volunteer is suspended', 422: 'volunteerId is not a registered volunteer' })
  async add(@Param('id') teamId: string, @Body() body: AddMemberRequest, @CurrentPrincipal() principal: Principal): Promise<TeamResponse> {
    const state = await this.addMember.execute(teamId, principal, body);
    return TeamResponse.from(state, await this.teams.findName(teamId));
  }
}
