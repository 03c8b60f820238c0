import { ActivityPublishedV1 } from '@lantern/contracts';
import { ForbiddenError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { assertEndsAfterStart } from '../domain/activity-guards';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access.policy';
import { PublishActivityRequest } from './publish-activity.request.dto';

/** Opens an activity for sign-ups; the same id (from the Idempotency-Key) publishes it once. */
@Injectable()
export class PublishActivityHandler {
  constructor(private readonly activities: ActivityRepository) {}

  execute(activityId: string, principal: Principal, request: PublishActivityRequest) {
    const teamId = request.teamId ?? null;
    if (!managesActivity(principal, { stationId: request.stationId, teamId })) {
      throw new ForbiddenError(`You coordinate neither station ${request.stationId}${teamId ? ` nor team ${teamId}` : ''}`);
    }
    assertEndsAfterStart(request);
    return this.activities.execute(activityId, (current) =>
      current.exists
        ? []
        : [
            {
              type: ActivityPublishedV1.type,
              data: {
                activityId,
                title: request.title,
                stationId: request.stationId,
                villageId: request.villageId,
                teamId,
                startsAt: new Date(request.startsAt).toISOString(),
                endsAt: new Date(request.endsAt).toISOString(),
                capacity: request.capacity,
                requiredSkills: request.requiredSkills ?? [],
                requiredQualification: request.requiredQualification ?? null,
                publishedBy: principal.sub,
                publishedAt: new Date().toISOString(),
              },
            },
          ],
    );
  }
}
