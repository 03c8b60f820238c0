import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { SignUpHandler } from './sign-up.handler';
import { SignUpRequest } from './sign-up.request.dto';
import { SignUpResponse } from './sign-up.response.dto';

@ApiTags('activities')
@Controller('activities')
export class SignUpHttpController {
  constructor(private readonly signUp: SignUpHandler) {}

  /**
   * When the activity is full this is still 201, with status "waitlisted" and the position:
   * a full activity is not an error for the volunteer, who is promoted when a place frees up.
   * Retrying is safe without an Idempotency-Key: a volunteer holds at most one sign-up.
   */
  @Post(':id/signups')
  @HttpCode(201)
  @Roles('volunteer', 'coordinator', 'admin')
  @ApiOperation({
    summary: 'Sign up for an activity: 201 "signed_up", or 201 "waitlisted" with a position when it is full',
    description: 'Volunteers sign up themselves; the activity’s coordinators and admins may name a volunteer. Places never exceed capacity.',
  })
  @ApiCreatedResponse({ type: SignUpResponse })
  @ApiUnprocessableEntityResponse({ description: 'Not registered, missing a required skill, or no valid training for the required qualification (reason says which)' })
  @ApiConflictResponse({ description: 'The volunteer is suspended, or the activity was cancelled' })
  async create(@Param('id') activityId: string, @Body() body: SignUpRequest, @CurrentPrincipal() principal: Principal): Promise<SignUpResponse> {
    const state = await this.signUp.execute(principal, activityId, body.volunteerId);
    return SignUpResponse.from(state, body.volunteerId ?? principal.sub);
  }
}
