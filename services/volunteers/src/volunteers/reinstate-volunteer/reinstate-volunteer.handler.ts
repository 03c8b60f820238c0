import { VolunteerReinstatedV1 } from '@lantern/contracts';
import { ConflictError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { VolunteerRepository } from '../volunteer.repository';

/** Lifts a suspension; reinstating an active volunteer changes nothing. */
@Injectable()
export class ReinstateVolunteerHandler {
  constructor(private readonly volunteers: VolunteerRepository) {}

  execute(volunteerId: string, principal: Principal) {
    return this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw new NotFoundError(`Volunteer ${volunteerId}`);
      if (current.status === 'active') return [];
      // Consent is the volunteer's to give again (by registering), never an admin's.
      if (current.status === 'withdrawn') throw new ConflictError(`Volunteer ${volunteerId} withdrew their consent: only registering again reinstates them`);
      return [{ type: VolunteerReinstatedV1.type, data: { volunteerId, reinstatedBy: principal.sub, reinstatedAt: new Date().toISOString() } }];
    });
  }
}
