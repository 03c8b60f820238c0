import { VolunteerSuspendedV1 } from '@lantern/contracts';
import { NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { VolunteerRepository } from '../volunteer.repository';
import { SuspendVolunteerRequest } from './suspend-volunteer.request.dto';

/** No new sign-ups or assignments for a suspended volunteer; hours already earned stay. */
@Injectable()
export class SuspendVolunteerHandler {
  constructor(private readonly volunteers: VolunteerRepository) {}

  execute(volunteerId: string, principal: Principal, request: SuspendVolunteerRequest) {
    return this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw new NotFoundError(`Volunteer ${volunteerId}`);
      if (current.status === 'suspended') return []; // already done: suspending twice changes nothing
      return [{ type: VolunteerSuspendedV1.type, data: { volunteerId, reason: request.reason, suspendedBy: principal.sub, suspendedAt: new Date().toISOString() } }];
    });
  }
}
