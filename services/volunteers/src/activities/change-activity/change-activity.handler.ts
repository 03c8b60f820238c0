import { ActivityChangedV1 } from '@lantern/contracts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../activity.repository';
import { assertEndsAfterStart, assertManagedActivity } from '../domain/activity-guards';
import { managesActivity } from '../domain/activity-access.policy';
import { arrangementOf, changesBetween, concernedVolunteers } from '../domain/activity-changes';
import { promotionsOwed } from '../domain/fill-places';
import { ChangeActivityRequest } from './change-activity.request.dto';

/**
 * Changes when, where or for how many an activity runs. Sign-ups and the waitlist stay; places a
 * larger capacity frees go to the head of the waitlist in the same append. The event says what
 * changed and names everyone holding or waiting for a place, so notifications can tell each of
 * them what changed. The same arrangement again changes nothing.
 */
@Injectable()
export class ChangeActivityHandler {
  constructor(private readonly activities: ActivityRepository) {}

  async execute(activityId: string, principal: Principal, request: ChangeActivityRequest) {
    if ((request.stationId === undefined) !== (request.villageId === undefined)) {
      const missing = request.stationId === undefined ? 'body.stationId' : 'body.villageId';
      throw new InvalidError('An activity moves to a station and its village, given together', [{ field: missing, message: 'is required with the other' }]);
    }
    assertManagedActivity((await this.activities.load(activityId)).state, activityId, principal);
    return this.activities.execute(activityId, (current) => {
      if (!current.exists) throw new NotFoundError(`Activity ${activityId}`);
      if (current.cancelledAt) throw new ConflictError(`Activity ${activityId} was cancelled; it can no longer be changed`);
      const previous = arrangementOf(current);
      const next = {
        startsAt: request.startsAt ? new Date(request.startsAt).toISOString() : previous.startsAt,
        endsAt: request.endsAt ? new Date(request.endsAt).toISOString() : previous.endsAt,
        stationId: request.stationId ?? previous.stationId,
        villageId: request.villageId ?? previous.villageId,
        capacity: request.capacity ?? previous.capacity,
      };
      assertEndsAfterStart(next);
      if (next.capacity < current.signedUp.length) {
        throw new InvalidError('Fewer places than volunteers holding one', [{ field: 'body.capacity', message: `${current.signedUp.length} volunteers hold a place` }]);
      }
      if (next.stationId !== previous.stationId && !managesActivity(principal, { stationId: next.stationId, teamId: current.teamId })) {
        throw new ForbiddenError(`You do not coordinate station ${next.stationId}`);
      }
      const changed = changesBetween(previous, next);
      if (changed.length === 0) return [];
      const data = { activityId, changed, ...next, previous, volunteerIds: concernedVolunteers(current), changedBy: principal.sub, changedAt: new Date().toISOString() };
      return [{ type: ActivityChangedV1.type, data }, ...promotionsOwed({ ...current, capacity: next.capacity }, activityId)];
    });
  }
}
