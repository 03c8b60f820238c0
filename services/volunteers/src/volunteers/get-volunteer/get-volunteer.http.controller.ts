import { CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerAccess } from '../../access/volunteer-access.policy';
import { VolunteerRepository } from '../volunteer.repository';
import { VolunteerResponse } from '../volunteer.response.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class GetVolunteerHttpController {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly access: VolunteerAccess,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A volunteer with total hours and star level (the volunteer, their team coordinators, admins)' })
  @ApiOkResponse({ type: VolunteerResponse })
  async get(@Param('id') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    if (!(await this.access.canRead(principal, volunteerId))) throw notFound(`Volunteer ${volunteerId}`);
    const { state, version } = await this.volunteers.load(volunteerId);
    if (!state.exists) throw notFound(`Volunteer ${volunteerId}`);
    return VolunteerResponse.from(state, version, await this.volunteers.findPersonal(volunteerId));
  }
}
