import { ActivitySignedUpV1, ActivityWaitlistedV1 } from '@lantern/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@lantern/errors';
import { existing } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access.policy';
import { Activity } from '../domain/activity.state';
import { promotionsOwed } from '../domain/fill-places';
import { assertEligible } from './eligibility.policy';

@Injectable()
export class SignUpHandler {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly volunteers: VolunteerRepository,
  ) {}

  /**
   * Takes a place, or a waitlist position when the activity is full. Signing up again while
   * signed up or waitlisted changes nothing and answers with the current status.
   */
  async execute(principal: Principal, activityId: string, requestedVolunteerId?: string): Promise<Activity> {
    const volunteerId = requestedVolunteerId ?? principal.sub;
    const { state: activity } = await this.activities.load(activityId);
    if (!activity.exists) throw new NotFoundError(`Activity ${activityId}`);
    if (volunteerId !== principal.sub && !managesActivity(principal, activity)) {
      throw new ForbiddenError('Only the activity’s coordinators and admins sign up someone else');
    }
    // Eligibility does not depend on the activity's places, so it is checked once, outside the race.
    assertEligible((await this.volunteers.load(volunteerId)).state, activity, volunteerId);

    const { state } = await this.activities.execute(activityId, (current) => {
      if (!current.exists) throw new NotFoundError(`Activity ${activityId}`);
      if (current.cancelledAt) throw new ConflictError(`Activity ${activityId} was cancelled`);
      const promotions = promotionsOwed(current, activityId);
      const status = current.participants[volunteerId]?.status;
      if (status === 'signed_up' || status === 'waitlisted') return promotions;
      const now = new Date().toISOString();
      const placesLeft = current.capacity - current.signedUp.length - promotions.length;
      // A free place only exists when nobody is waiting (promotions fill places first).
      if (placesLeft > 0) return [...promotions, { type: ActivitySignedUpV1.type, data: { activityId, volunteerId, signedUpAt: now } }];
      const position = current.waitlist.length - promotions.length + 1;
      return [...promotions, { type: ActivityWaitlistedV1.type, data: { activityId, volunteerId, position, waitlistedAt: now } }];
    });
    return existing(state, activityId);
  }
}
