import { ForbiddenError, InvalidError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { managesActivity } from './activity-access.policy';
import { Activity, ActivityState } from './activity.state';

/** 404 for an activity that does not exist, 403 for a caller who does not manage it. */
export function assertManagedActivity(activity: ActivityState, activityId: string, principal: Principal): asserts activity is Activity {
  if (!activity.exists) throw new NotFoundError(`Activity ${activityId}`);
  if (!managesActivity(principal, activity)) throw new ForbiddenError(`You do not coordinate activity ${activityId}`);
}

/** 422 on `body.endsAt` unless the activity ends after it starts. */
export function assertEndsAfterStart(times: { startsAt: string; endsAt: string }): void {
  if (Date.parse(times.endsAt) <= Date.parse(times.startsAt)) {
    throw new InvalidError('An activity must end after it starts', [{ field: 'body.endsAt', message: 'must be after startsAt' }]);
  }
}
