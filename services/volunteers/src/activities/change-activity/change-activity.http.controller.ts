import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ActivityResponse } from '../activity.response.dto';
import { ChangeActivityHandler } from './change-activity.handler';
import { ChangeActivityRequest } from './change-activity.request.dto';

@ApiTags('activities')
@Controller('activities')
export class ChangeActivityHttpController {
  constructor(private readonly changeActivity: ChangeActivityHandler) {}

  @Post(':id/change')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Change when, where or for how many an activity runs (the activity’s coordinators, admins); its volunteers and waitlist are told what changed',
    description: 'Fields left out stay. A larger capacity gives the freed places to the head of the waitlist at once. Moving it to another station needs that station’s coordinator (or the organising team’s).',
  })
  @ApiOkResponse({ type: ActivityResponse })
  @ApiUnprocessableEntityResponse({ description: 'It would end before it starts (body.endsAt), have fewer places than volunteers holding one (body.capacity), or a station without its village (or the reverse)' })
  @ApiConflictResponse({ description: 'The activity was cancelled' })
  async change(@Param('id') activityId: string, @Body() body: ChangeActivityRequest, @CurrentPrincipal() principal: Principal): Promise<ActivityResponse> {
    const { state, version } = await this.changeActivity.execute(activityId, principal, body);
    return ActivityResponse.fromState(state, version, true);
  }
}
