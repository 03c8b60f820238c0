import { ActivityPublishedV1 } from '@lantern/contracts';
import { CurrentPrincipal, forbidden, Idempotent, IdempotentRequest, Principal, Roles, unprocessable } from '@lantern/http';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access';
import { ActivityResponse } from '../get-activity/activity.response.dto';
import { PublishActivityRequest } from './publish-activity.request.dto';

@ApiTags('activities')
@Controller('activities')
export class PublishActivityHttpController {
  constructor(private readonly activities: ActivityRepository) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Publish an activity (admins; coordinators of its station or organising team)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key publishes one activity' })
  @ApiCreatedResponse({ type: ActivityResponse })
  async publish(@Body() body: PublishActivityRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<ActivityResponse> {
    const teamId = body.teamId ?? null;
    if (!managesActivity(principal, { stationId: body.stationId, teamId })) {
      throw forbidden(`You coordinate neither station ${body.stationId}${teamId ? ` nor team ${teamId}` : ''}`);
    }
    if (Date.parse(body.endsAt) <= Date.parse(body.startsAt)) {
      throw unprocessable('An activity must end after it starts', [{ field: 'body.endsAt', message: 'must be after startsAt' }]);
    }
    const activityId = `act_${request.idempotencySeed ?? randomUUID().replace(/-/g, '')}`;
    const { state, version } = await this.activities.execute(activityId, (current) =>
      current.exists
        ? []
        : [
            {
              type: ActivityPublishedV1.type,
              data: {
                activityId,
                title: body.title,
                stationId: body.stationId,
                villageId: body.villageId,
                teamId,
                startsAt: new Date(body.startsAt).toISOString(),
                endsAt: new Date(body.endsAt).toISOString(),
                capacity: body.capacity,
                requiredSkills: body.requiredSkills ?? [],
                requiredQualification: body.requiredQualification ?? null,
                publishedBy: principal.sub,
                publishedAt: new Date().toISOString(),
              },
            },
          ],
    );
    return ActivityResponse.fromState(state, version, true);
  }
}
