import {
  ApiProblemResponses,
  CurrentPrincipal,
  Idempotent,
  IdempotentRequest,
  newId,
  Roles,
} from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActivityResponse } from '../activity.response.dto';
import { PublishActivityHandler } from './publish-activity.handler';
import { PublishActivityRequest } from './publish-activity.request.dto';

@ApiTags('activities')
@Controller('activities')
export class PublishActivityHttpController {
  constructor(private readonly publishActivity: PublishActivityHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Publish an activity (admins; coordinators of its station or organising team)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key publishes one activity' })
  @ApiCreatedResponse({ type: ActivityResponse })
  @ApiProblemResponses({ 422: 'The activity ends before it starts (or when it starts)' })
  async publish(@Body() body: PublishActivityRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<ActivityResponse> {
    const activityId = newId('act', request.idempotencySeed);
    const { state, version } = await this.publishActivity.execute(activityId, principal, body);
    return ActivityResponse.fromState(state, version, true);
  }
}
