import { ConflictError, DomainError, InvalidError } from '@lantern/errors';
import { Activity } from '../domain/activity.state';
import { Volunteer, VolunteerState } from '../../volunteers/domain/volunteer.state';
import { assertEligible, NotEligibleError } from './eligibility.policy';

describe('who may sign up for an activity', () => {
  const activity = { startsAt: '2027-05-01T01:00:00.000Z', requiredSkills: ['first-aid'], requiredQualification: 'lifeguard' } as Activity;
  const volunteer = {
    exists: true,
    status: 'active',
    skills: ['first-aid', 'home-visit'],
    training: [{ courseCode: 'lifeguard', completedOn: '2026-01-10', trainingHours: 8, validUntil: '2027-12-31' }],
  } as Volunteer;
  const refusal = (candidate: VolunteerState): DomainError => {
    try {
      assertEligible(candidate, activity, 'vol-1');
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('was eligible');
  };

  it('a registered, active volunteer with the skills and training valid on the day is eligible', () => {
    expect(() => assertEligible(volunteer, activity, 'vol-1')).not.toThrow();
  });

  it('refuses in domain terms, each with the fields and reason the caller is shown', () => {
    expect(refusal({ ...volunteer, exists: false })).toEqual(expect.any(InvalidError));
    expect(refusal({ ...volunteer, exists: false }).extensions).toEqual({ errors: [{ field: 'body.volunteerId', message: 'is not a registered volunteer' }] });
    expect(refusal({ ...volunteer, status: 'suspended' })).toEqual(expect.any(ConflictError));
    expect(refusal({ ...volunteer, status: 'suspended' }).extensions).toEqual({ reason: 'volunteer_suspended' });
    expect(refusal({ ...volunteer, status: 'withdrawn' }).extensions).toEqual({ reason: 'volunteer_withdrawn' });
    const noSkills = refusal({ ...volunteer, skills: ['home-visit'] });
    expect(noSkills).toEqual(expect.any(NotEligibleError));
    expect(noSkills.kind).toBe('invalid');
    expect(noSkills.extensions).toMatchObject({ reason: 'skills_missing', missingSkills: ['first-aid'], errors: [{ field: 'volunteer.skills' }] });
  });

  it('training that expires before the day, or none, is refused as qualification_required, saying which', () => {
    const expired = refusal({ ...volunteer, training: [{ ...volunteer.training[0], validUntil: '2027-04-30' }] });
    expect(expired.message).toMatch(/expired/);
    expect(expired.extensions).toMatchObject({ reason: 'qualification_required', requiredQualification: 'lifeguard', errors: [{ field: 'volunteer.training' }] });
    expect(refusal({ ...volunteer, training: [] }).message).toMatch(/no training record/);
  });
});
