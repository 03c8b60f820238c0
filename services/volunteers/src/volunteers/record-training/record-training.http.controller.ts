import { VolunteerTrainingRecordedV1 } from '@lantern/contracts';
import { CurrentPrincipal, notFound, Principal, Roles, unprocessable } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerResponse } from '../get-volunteer/volunteer.response.dto';
import { VolunteerRepository } from '../volunteer.repository';
import { RecordTrainingRequest } from './record-training.request.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class RecordTrainingHttpController {
  constructor(private readonly volunteers: VolunteerRepository) {}

  @Post(':id/training')
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Record a completed training course (admin); it can qualify the volunteer for activities' })
  @ApiCreatedResponse({ type: VolunteerResponse })
  async record(@Param('id') volunteerId: string, @Body() body: RecordTrainingRequest, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const validUntil = body.validUntil ?? null;
    if (validUntil !== null && validUntil < body.completedOn) {
      throw unprocessable('Training cannot expire before it was completed', [{ field: 'body.validUntil', message: 'is before completedOn' }]);
    }
    const { state, version } = await this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw notFound(`Volunteer ${volunteerId}`);
      // The same record twice (a retry) is recorded once.
      const known = current.training.some((record) => record.courseCode === body.courseCode && record.completedOn === body.completedOn);
      if (known) return [];
      return [
        {
          type: VolunteerTrainingRecordedV1.type,
          data: { volunteerId, ...body, validUntil, recordedBy: principal.sub, recordedAt: new Date().toISOString() },
        },
      ];
    });
    return VolunteerResponse.from(state, version, await this.volunteers.findPersonal(volunteerId));
  }
}
