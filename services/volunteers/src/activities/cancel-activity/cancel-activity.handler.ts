import { ActivityCancelledV1 } from '@lantern/contracts';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../activity.repository';
import { assertManagedActivity } from '../domain/activity-guards';
import { concernedVolunteers } from '../domain/activity-changes';
import { CancelActivityRequest } from './cancel-activity.request.dto';

/**
 * Calls an activity off: no sign-ups or check-ins after this, and everyone holding or waiting
 * for a place is named in the event, so each is told. Cancelling again changes nothing.
 */
@Injectable()
export class CancelActivityHandler {
  constructor(private readonly activities: ActivityRepository) {}

  async execute(activityId: string, principal: Principal, request: CancelActivityRequest) {
    assertManagedActivity((await this.activities.load(activityId)).state, activityId, principal);
    return this.activities.execute(activityId, (current) => {
      if (current.cancelledAt) return [];
      const data = { activityId, reason: request.reason, volunteerIds: concernedVolunteers(current), cancelledBy: principal.sub, cancelledAt: new Date().toISOString() };
      return [{ type: ActivityCancelledV1.type, data }];
    });
  }
}
