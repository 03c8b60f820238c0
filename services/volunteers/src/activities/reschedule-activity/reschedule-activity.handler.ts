import { ActivityRescheduledV1 } from '@lantern/contracts';
import { conflict } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../activity.repository';
import { assertEndsAfterStart, assertManagedActivity } from '../activity-guards';
import { concernedVolunteers } from '../domain/activity-changes';
import { RescheduleActivityRequest } from './reschedule-activity.request.dto';

/**
 * Moves an activity to another time. Places and the waitlist stay; everyone holding or waiting
 * for one is named in the event, so notifications can tell them. The same times again change nothing.
 */
@Injectable()
export class RescheduleActivityHandler {
  constructor(private readonly activities: ActivityRepository) {}

  async execute(activityId: string, principal: Principal, request: RescheduleActivityRequest) {
    const startsAt = new Date(request.startsAt).toISOString();
    const endsAt = new Date(request.endsAt).toISOString();
    assertEndsAfterStart({ startsAt, endsAt });
    assertManagedActivity((await this.activities.load(activityId)).state, activityId, principal);
    return this.activities.execute(activityId, (current) => {
      if (current.cancelledAt) throw conflict(`Activity ${activityId} was cancelled; it can no longer be rescheduled`);
      if (current.startsAt === startsAt && current.endsAt === endsAt) return [];
      const data = { activityId, startsAt, endsAt, previousStartsAt: current.startsAt, volunteerIds: concernedVolunteers(current), rescheduledBy: principal.sub, rescheduledAt: new Date().toISOString() };
      return [{ type: ActivityRescheduledV1.type, data }];
    });
  }
}
