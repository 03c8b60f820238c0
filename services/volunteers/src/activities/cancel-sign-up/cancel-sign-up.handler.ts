import { ActivityPromotedFromWaitlistV1, ActivitySignUpCancelledV1 } from '@lantern/contracts';
import { ConflictError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { isSelf } from '../../access/access.policy';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access.policy';
import { promotionsOwed } from '../domain/fill-places';

/** Gives up a place or a waitlist position; the place freed goes to the first volunteer waiting. */
@Injectable()
export class CancelSignUpHandler {
  constructor(private readonly activities: ActivityRepository) {}

  /** Answers the volunteers promoted from the waitlist by this cancellation (or owed by an earlier one). */
  async execute(activityId: string, volunteerId: string, principal: Principal): Promise<string[]> {
    const { state: activity } = await this.activities.load(activityId);
    // Somebody else's sign-up answers like a missing one.
    if (!activity.exists || (!isSelf(principal, volunteerId) && !managesActivity(principal, activity))) throw new NotFoundError(`Sign-up of ${volunteerId}`);

    const { appended } = await this.activities.execute(activityId, (current) => {
      if (!current.exists) throw new NotFoundError(`Sign-up of ${volunteerId}`);
      const participant = current.participants[volunteerId];
      if (!participant) throw new NotFoundError(`Sign-up of ${volunteerId}`);
      if (participant.status === 'cancelled') return promotionsOwed(current, activityId); // a retry: already cancelled
      if (participant.checkedInAt) throw new ConflictError(`${volunteerId} has already checked in; the sign-up can no longer be cancelled`);
      const cancelled = {
        type: ActivitySignUpCancelledV1.type,
        data: { activityId, volunteerId, wasStatus: participant.status, cancelledBy: principal.sub, cancelledAt: new Date().toISOString() },
      };
      const after = { capacity: current.capacity, signedUp: current.signedUp.filter((id) => id !== volunteerId), waitlist: current.waitlist.filter((id) => id !== volunteerId) };
      return [cancelled, ...promotionsOwed(after, activityId)];
    });
    return appended.filter((event) => event.type === ActivityPromotedFromWaitlistV1.type).map((event) => event.data.volunteerId as string);
  }
}
