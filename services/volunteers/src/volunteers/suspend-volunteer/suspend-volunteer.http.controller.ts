import { existing } from '@lantern/event-store';
import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerRepository } from '../volunteer.repository';
import { VolunteerResponse } from '../volunteer.response.dto';
import { SuspendVolunteerHandler } from './suspend-volunteer.handler';
import { SuspendVolunteerRequest } from './suspend-volunteer.request.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class SuspendVolunteerHttpController {
  constructor(
    private readonly suspendVolunteer: SuspendVolunteerHandler,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend a volunteer (admin): no new sign-ups or assignments; hours already earned stay' })
  @ApiOkResponse({ type: VolunteerResponse })
  async suspend(@Param('id') volunteerId: string, @Body() body: SuspendVolunteerRequest, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const { state, version } = await this.suspendVolunteer.execute(volunteerId, principal, body);
    return VolunteerResponse.from(existing(state, volunteerId), version, await this.volunteers.findPersonal(volunteerId));
  }
}
