import { VolunteerTeamMemberAddedV1 } from '@lantern/contracts';
import { conflict, CurrentPrincipal, forbidden, notFound, Principal, Roles, unprocessable } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { coordinates, isAdmin } from '../../access/access.policy';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { TeamResponse } from '../get-team/team.response.dto';
import { TeamRepository } from '../team.repository';
import { AddMemberRequest } from './add-member.request.dto';

@ApiTags('teams')
@Controller('teams')
export class AddMemberHttpController {
  constructor(
    private readonly teams: TeamRepository,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post(':id/members')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: "Add a registered volunteer to a team (the team's coordinators, admins); adding twice changes nothing" })
  @ApiOkResponse({ type: TeamResponse })
  async add(@Param('id') teamId: string, @Body() body: AddMemberRequest, @CurrentPrincipal() principal: Principal): Promise<TeamResponse> {
    if (!isAdmin(principal) && !coordinates(principal, teamId)) {
      // Existence is not revealed to coordinators of other teams.
      throw (await this.teams.load(teamId)).exists ? forbidden(`You do not coordinate team ${teamId}`) : notFound(`Team ${teamId}`);
    }
    const { state: volunteer } = await this.volunteers.load(body.volunteerId);
    if (!volunteer.exists) {
      throw unprocessable('Only registered volunteers can join a team', [{ field: 'body.volunteerId', message: 'is not a registered volunteer' }]);
    }
    if (volunteer.status === 'suspended') throw conflict(`Volunteer ${body.volunteerId} is suspended`);
    const { state } = await this.teams.execute(teamId, (current) => {
      if (!current.exists) throw notFound(`Team ${teamId}`);
      if (current.memberIds.includes(body.volunteerId)) return [];
      return [{ type: VolunteerTeamMemberAddedV1.type, data: { teamId, volunteerId: body.volunteerId, addedBy: principal.sub, addedAt: new Date().toISOString() } }];
    });
    return TeamResponse.from(state, await this.teams.findName(teamId));
  }
}
