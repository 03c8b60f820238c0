import { existing } from '@lantern/event-store';
import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerRepository } from '../volunteer.repository';
import { VolunteerResponse } from '../volunteer.response.dto';
import { ReinstateVolunteerHandler } from './reinstate-volunteer.handler';

@ApiTags('volunteers')
@Controller('volunteers')
export class ReinstateVolunteerHttpController {
  constructor(
    private readonly reinstateVolunteer: ReinstateVolunteerHandler,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Lift a suspension (admin)' })
  @ApiOkResponse({ type: VolunteerResponse })
  @ApiProblemResponses({ 404: 'No such volunteer', 409: 'The volunteer withdrew their consent: only registering again reinstates them' })
  async reinstate(@Param('id') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const { state, version } = await this.reinstateVolunteer.execute(volunteerId, principal);
    return VolunteerResponse.from(existing(state, volunteerId), version, await this.volunteers.findPersonal(volunteerId));
  }
}
