import { VolunteerRegisteredV1 } from '@lantern/contracts';
import { ConflictError, ForbiddenError } from '@lantern/errors';
import { existing } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { isAdmin } from '../../access/access.policy';
import { Volunteer } from '../domain/volunteer.state';
import { VolunteerRepository } from '../volunteer.repository';
import { RegisterVolunteerRequest } from './register-volunteer.request.dto';

/** A volunteer's id is the person's token subject, so a person registers once and hours find them. */
@Injectable()
export class RegisterVolunteerHandler {
  constructor(private readonly volunteers: VolunteerRepository) {}

  async execute(principal: Principal, request: RegisterVolunteerRequest): Promise<Volunteer> {
    const volunteerId = request.personId ?? principal.sub;
    if (volunteerId !== principal.sub && !isAdmin(principal)) throw new ForbiddenError('Only admins register someone else');
    // Personal data first, beside the stream: the registration must never exist without it.
    await this.volunteers.savePersonal({
      _id: volunteerId,
      name: request.name,
      phone: request.phone,
      idNumber: request.idNumber ?? null,
      availability: request.availability,
      consentVersion: request.consentVersion,
      consentGivenAt: new Date(),
    });
    const { state } = await this.volunteers.execute(volunteerId, (current) => {
      // Someone who withdrew their consent may give it again: a new registration (their hours are still theirs).
      if (current.exists && current.status !== 'withdrawn') throw new ConflictError(`${volunteerId} is already registered as a volunteer`);
      return [
        {
          type: VolunteerRegisteredV1.type,
          data: {
            volunteerId,
            villages: request.villages,
            skills: request.skills,
            consentVersion: request.consentVersion,
            registeredBy: principal.sub,
            registeredAt: new Date().toISOString(),
          },
        },
      ];
    });
    return existing(state, volunteerId);
  }
}
