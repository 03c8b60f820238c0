import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityResponse } from '../activity.response.dto';
import { CancelActivityHandler } from './cancel-activity.handler';
import { CancelActivityRequest } from './cancel-activity.request.dto';

@ApiTags('activities')
@Controller('activities')
export class CancelActivityHttpController {
  constructor(private readonly cancelActivity: CancelActivityHandler) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Call an activity off with a coded reason (the activity’s coordinators, admins); its volunteers and waitlist are told' })
  @ApiOkResponse({ type: ActivityResponse })
  async cancel(@Param('id') activityId: string, @Body() body: CancelActivityRequest, @CurrentPrincipal() principal: Principal): Promise<ActivityResponse> {
    const { state, version } = await this.cancelActivity.execute(activityId, principal, body);
    return ActivityResponse.fromState(state, version, true);
  }
}
