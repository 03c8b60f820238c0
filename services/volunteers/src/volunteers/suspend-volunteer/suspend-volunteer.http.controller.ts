import { VolunteerReinstatedV1, VolunteerSuspendedV1 } from '@lantern/contracts';
import { CurrentPrincipal, notFound, Principal, Roles } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerResponse } from '../get-volunteer/volunteer.response.dto';
import { VolunteerRepository } from '../volunteer.repository';
import { SuspendVolunteerRequest } from './suspend-volunteer.request.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class SuspendVolunteerHttpController {
  constructor(private readonly volunteers: VolunteerRepository) {}

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend a volunteer (admin): no new sign-ups or assignments; hours already earned stay' })
  @ApiOkResponse({ type: VolunteerResponse })
  async suspend(@Param('id') volunteerId: string, @Body() body: SuspendVolunteerRequest, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const { state, version } = await this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw notFound(`Volunteer ${volunteerId}`);
      if (current.status === 'suspended') return []; // already done: suspending twice changes nothing
      return [{ type: VolunteerSuspendedV1.type, data: { volunteerId, reason: body.reason, suspendedBy: principal.sub, suspendedAt: new Date().toISOString() } }];
    });
    return VolunteerResponse.from(state, version, await this.volunteers.findPersonal(volunteerId));
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Lift a suspension (admin)' })
  @ApiOkResponse({ type: VolunteerResponse })
  async reinstate(@Param('id') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const { state, version } = await this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw notFound(`Volunteer ${volunteerId}`);
      if (current.status === 'active') return [];
      return [{ type: VolunteerReinstatedV1.type, data: { volunteerId, reinstatedBy: principal.sub, reinstatedAt: new Date().toISOString() } }];
    });
    return VolunteerResponse.from(state, version, await this.volunteers.findPersonal(volunteerId));
  }
}
