import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RemoveMemberHandler } from './remove-member.handler';

@ApiTags('teams')
@Controller('teams')
export class RemoveMemberHttpController {
  constructor(private readonly removeMember: RemoveMemberHandler) {}

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
  remove(@Param('id') teamId: string, @Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.removeMember.execute(teamId, volunteerId, principal);
  }
}
