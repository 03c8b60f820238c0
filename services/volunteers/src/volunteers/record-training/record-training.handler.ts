import { VolunteerTrainingRecordedV1 } from '@lantern/contracts';
import { InvalidError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { VolunteerRepository } from '../volunteer.repository';
import { RecordTrainingRequest } from './record-training.request.dto';

/** Records a completed course on the volunteer's stream; the same record twice (a retry) is recorded once. */
@Injectable()
export class RecordTrainingHandler {
  constructor(private readonly volunteers: VolunteerRepository) {}

  execute(volunteerId: string, principal: Principal, request: RecordTrainingRequest) {
    const validUntil = request.validUntil ?? null;
    if (validUntil !== null && validUntil < request.completedOn) {
      throw new InvalidError('Training cannot expire before it was completed', [{ field: 'body.validUntil', message: 'is before completedOn' }]);
    }
    return this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw new NotFoundError(`Volunteer ${volunteerId}`);
      const known = current.training.some((record) => record.courseCode === request.courseCode && record.completedOn === request.completedOn);
      if (known) return [];
      return [
        {
          type: VolunteerTrainingRecordedV1.type,
          data: { volunteerId, ...request, validUntil, recordedBy: principal.sub, recordedAt: new Date().toISOString() },
        },
      ];
    });
  }
}
