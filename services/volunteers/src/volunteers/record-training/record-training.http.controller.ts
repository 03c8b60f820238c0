import { existing } from '@lantern/event-store';
import { ApiProblemResponses, CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerRepository } from '../volunteer.repository';
import { VolunteerResponse } from '../volunteer.response.dto';
import { RecordTrainingHandler } from './record-training.handler';
import { RecordTrainingRequest } from './record-training.request.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class RecordTrainingHttpController {
  constructor(
    private readonly recordTraining: RecordTrainingHandler,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post(':id/training')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Record a completed training course (admin); it can qualify the volunteer for activities' })
  @ApiCreatedResponse({ type: VolunteerResponse })
  @ApiProblemResponses({ 422: 'body.validUntil is before body.completedOn' })
  async record(@Param('id') volunteerId: string, @Body() body: RecordTrainingRequest, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const { state, version } = await this.recordTraining.execute(volunteerId, principal, body);
    return VolunteerResponse.from(existing(state, volunteerId), version, await this.volunteers.findPersonal(volunteerId));
  }
}
