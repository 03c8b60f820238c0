import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CancelSignUpHandler } from './cancel-sign-up.handler';
import { CancelSignUpResponse } from './cancel-sign-up.response.dto';

@ApiTags('activities')
@Controller('activities')
export class CancelSignUpHttpController {
  constructor(private readonly cancelSignUp: CancelSignUpHandler) {}

  @Post(':id/signups/:volunteerId/cancel')
  @HttpCode(200)
  @Roles('volunteer', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Cancel a sign-up or waitlist place (the volunteer, the activity’s coordinators, admins); the first waitlisted volunteer is promoted' })
  @ApiOkResponse({ type: CancelSignUpResponse })
  async cancel(@Param('id') activityId: string, @Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<CancelSignUpResponse> {
    const promoted = await this.cancelSignUp.execute(activityId, volunteerId, principal);
    return { activityId, volunteerId, status: 'cancelled', promoted };
  }
}
