import { VolunteerReinstatedV1 } from '@lantern/contracts';
import { notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { VolunteerRepository } from '../volunteer.repository';

/** Lifts a suspension; reinstating an active volunteer changes nothing. */
@Injectable()
export class ReinstateVolunteerHandler {
  constructor(private readonly volunteers: VolunteerRepository) {}

  execute(volunteerId: string, principal: Principal) {
    return this.volunteers.execute(volunteerId, (current) => {
      if (!current.exists) throw notFound(`Volunteer ${volunteerId}`);
      if (current.status === 'active') return [];
      return [{ type: VolunteerReinstatedV1.type, data: { volunteerId, reinstatedBy: principal.sub, reinstatedAt: new Date().toISOString() } }];
    });
  }
}
