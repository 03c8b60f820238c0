import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ActivityResponse } from '../activity.response.dto';
import { RescheduleActivityHandler } from './reschedule-activity.handler';
import { RescheduleActivityRequest } from './reschedule-activity.request.dto';

@ApiTags('activities')
@Controller('activities')
export class RescheduleActivityHttpController {
  constructor(private readonly rescheduleActivity: RescheduleActivityHandler) {}

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Move an activity to another time (the activity’s coordinators, admins); its volunteers and waitlist are told' })
  @ApiOkResponse({ type: ActivityResponse })
  @ApiUnprocessableEntityResponse({ description: 'The activity would end before it starts (or when it starts)' })
  @ApiConflictResponse({ description: 'The activity was cancelled' })
  async reschedule(@Param('id') activityId: string, @Body() body: RescheduleActivityRequest, @CurrentPrincipal() principal: Principal): Promise<ActivityResponse> {
    const { state, version } = await this.rescheduleActivity.execute(activityId, principal, body);
    return ActivityResponse.fromState(state, version, true);
  }
}
