import { CurrentPrincipal, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access.policy';
import { ActivityResponse } from '../activity.response.dto';

@ApiTags('activities')
@Controller('activities')
export class GetActivityHttpController {
  constructor(private readonly activities: ActivityRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'An activity with its places (anyone signed in); the roster and waitlist for its managers' })
  @ApiOkResponse({ type: ActivityResponse })
  async get(@Param('id') activityId: string, @CurrentPrincipal() principal: Principal): Promise<ActivityResponse> {
    const { state, version } = await this.activities.load(activityId);
    if (!state.exists) throw notFound(`Activity ${activityId}`);
    return ActivityResponse.fromState(state, version, managesActivity(principal, state));
  }
}
