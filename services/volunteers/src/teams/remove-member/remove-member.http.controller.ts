import { VolunteerTeamMemberRemovedV1 } from '@lantern/contracts';
import { CurrentPrincipal, forbidden, notFound, Principal, Roles } from '@lantern/http';
import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { coordinates, isAdmin, isSelf } from '../../access/access.policy';
import { TeamRepository } from '../team.repository';

@ApiTags('teams')
@Controller('teams')
export class RemoveMemberHttpController {
  constructor(private readonly teams: TeamRepository) {}

  @Delete(':id/members/:volunteerId')
  @HttpCode(204)
  @Roles('volunteer', 'coordinator', 'admin')
  @ApiOperation({
    summary: "Take a volunteer off a team (the team's coordinators, admins) or leave it (the volunteer); removing a non-member changes nothing",
    description:
      'Hours already credited and tasks already assigned stay; the volunteer stops seeing the team and its announcements. ' +
      'Publishes lantern.volunteer-team.member-removed.v1.',
  })
  @ApiParam({ name: 'volunteerId', description: 'The member to remove' })
  @ApiNoContentResponse({ description: 'The volunteer is not (or no longer) a member of the team' })
  async remove(@Param('id') teamId: string, @Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const leaving = isSelf(principal, volunteerId);
    if (!isAdmin(principal) && !coordinates(principal, teamId) && !leaving) {
      // As for adding: existence is not revealed to outsiders, and a volunteer may only remove themselves.
      throw (await this.teams.load(teamId)).exists ? forbidden(`You may take members off team ${teamId} only as its coordinator`) : notFound(`Team ${teamId}`);
    }
    await this.teams.execute(teamId, (current) => {
      if (!current.exists) throw notFound(`Team ${teamId}`);
      // Idempotent like adding: a retried removal (or a volunteer who already left) appends nothing.
      if (!current.memberIds.includes(volunteerId)) return [];
      return [{ type: VolunteerTeamMemberRemovedV1.type, data: { teamId, volunteerId, removedBy: principal.sub, removedAt: new Date().toISOString() } }];
    });
  }
}
