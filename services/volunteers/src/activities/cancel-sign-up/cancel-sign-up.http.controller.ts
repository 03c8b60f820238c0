import { ActivityPromotedFromWaitlistV1, ActivitySignUpCancelledV1 } from '@lantern/contracts';
import { conflict, CurrentPrincipal, notFound, Principal, Roles } from '@lantern/http';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isSelf } from '../../access/access.policy';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access';
import { promotionsOwed } from '../domain/fill-places';
import { CancelSignUpResponse } from './cancel-sign-up.response.dto';

@ApiTags('activities')
@Controller('activities')
export class CancelSignUpHttpController {
  constructor(private readonly activities: ActivityRepository) {}

  @Post(':id/signups/:volunteerId/cancel')
  @HttpCode(200)
  @Roles('volunteer', 'coordinator', 'admin')
  @ApiOperation({ summary: 'Cancel a sign-up or waitlist place (the volunteer, the activity’s coordinators, admins); the first waitlisted volunteer is promoted' })
  @ApiOkResponse({ type: CancelSignUpResponse })
  async cancel(@Param('id') activityId: string, @Param('volunteerId') volunteerId: string, @CurrentPrincipal() principal: Principal): Promise<CancelSignUpResponse> {
    const { state: activity } = await this.activities.load(activityId);
    // Somebody else's sign-up answers like a missing one.
    if (!activity.exists || (!isSelf(principal, volunteerId) && !managesActivity(principal, activity))) throw notFound(`Sign-up of ${volunteerId}`);

    const { appended } = await this.activities.execute(activityId, (current) => {
      const participant = current.participants[volunteerId];
      if (!participant) throw notFound(`Sign-up of ${volunteerId}`);
      if (participant.status === 'cancelled') return promotionsOwed(current, activityId); // a retry: already cancelled
      if (participant.checkedInAt) throw conflict(`${volunteerId} has already checked in; the sign-up can no longer be cancelled`);
      const cancelled = {
        type: ActivitySignUpCancelledV1.type,
        data: { activityId, volunteerId, wasStatus: participant.status, cancelledBy: principal.sub, cancelledAt: new Date().toISOString() },
      };
      const after = { capacity: current.capacity, signedUp: current.signedUp.filter((id) => id !== volunteerId), waitlist: current.waitlist.filter((id) => id !== volunteerId) };
      return [cancelled, ...promotionsOwed(after, activityId)];
    });
    const promoted = appended.filter((event) => event.type === ActivityPromotedFromWaitlistV1.type).map((event) => event.data.volunteerId as string);
    return { activityId, volunteerId, status: 'cancelled', promoted };
  }
}
