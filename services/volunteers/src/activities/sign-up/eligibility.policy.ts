import { ConflictError, DomainError, FieldError, InvalidError } from '@lantern/errors';
import { validTraining, VolunteerState } from '../../volunteers/domain/volunteer.state';
import { Activity } from '../domain/activity.state';

/** The activity's requirements refuse this volunteer (422): `reason` codes why, `errors` names the field. */
export class NotEligibleError extends DomainError {
  readonly kind = 'invalid';
  constructor(message: string, extensions: { reason: 'skills_missing' | 'qualification_required'; errors: FieldError[] } & Record<string, unknown>) {
    super(message, extensions);
  }
}

/**
 * Whether this volunteer may take part: registered, not suspended, with the activity's skills and
 * a training record for its qualification that is valid on the day. The answer says exactly why not.
 */
export function assertEligible(volunteer: VolunteerState, activity: Activity, volunteerId: string): void {
  if (!volunteer.exists) {
    throw new InvalidError(`${volunteerId} is not a registered volunteer`, [{ field: 'body.volunteerId', message: 'is not a registered volunteer' }]);
  }
  if (volunteer.status === 'suspended') throw new ConflictError(`Volunteer ${volunteerId} is suspended and cannot sign up`, { reason: 'volunteer_suspended' });
  if (volunteer.status === 'withdrawn') throw new ConflictError(`Volunteer ${volunteerId} withdrew their consent and cannot sign up`, { reason: 'volunteer_withdrawn' });
  const missingSkills = activity.requiredSkills.filter((skill) => !volunteer.skills.includes(skill));
  if (missingSkills.length > 0) {
    throw new NotEligibleError(`This activity needs the skills ${missingSkills.join(', ')}, which the volunteer has not registered`, {
      reason: 'skills_missing',
      missingSkills,
      errors: [{ field: 'volunteer.skills', message: `missing ${missingSkills.join(', ')}` }],
    });
  }
  const course = activity.requiredQualification;
  const onDay = activity.startsAt.slice(0, 10);
  if (course && !validTraining(volunteer, course, onDay)) {
    const expired = volunteer.training.some((record) => record.courseCode === course);
    throw new NotEligibleError(
      expired
        ? `This activity requires "${course}" training valid on ${onDay}; the volunteer's record has expired by then`
        : `This activity requires "${course}" training; the volunteer has no training record for it`,
      {
        reason: 'qualification_required',
        requiredQualification: course,
        errors: [{ field: 'volunteer.training', message: `needs a valid ${course} training record on ${onDay}` }],
      },
    );
  }
}
