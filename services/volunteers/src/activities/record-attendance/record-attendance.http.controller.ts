import { ActivityAttendanceRecordedV1 } from '@lantern/contracts';
import { conflict, CurrentPrincipal, forbidden, notFound, Principal, Roles } from '@lantern/http';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreditHoursHandler } from '../../hours/credit-hours/credit-hours.handler';
import { ActivityRepository } from '../activity.repository';
import { managesActivity } from '../domain/activity-access';
import { ActivityState, Participant } from '../domain/activity.state';
import { RecordAttendanceRequest } from './record-attendance.request.dto';
import { AttendanceResponse } from './attendance.response.dto';

@ApiTags('activities')
@Controller('activities')
export class RecordAttendanceHttpController {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly creditHours: CreditHoursHandler,
  ) {}

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Check a signed-up volunteer in or out (the activity’s coordinators, admins); check-out credits the hours once' })
  @ApiOkResponse({ type: AttendanceResponse })
  async record(@Param('id') activityId: string, @Body() body: RecordAttendanceRequest, @CurrentPrincipal() principal: Principal): Promise<AttendanceResponse> {
    const { state: activity } = await this.activities.load(activityId);
    if (!activity.exists) throw notFound(`Activity ${activityId}`);
    if (!managesActivity(principal, activity)) throw forbidden(`You do not coordinate activity ${activityId}`);

    const { state } = await this.activities.execute(activityId, (current) => {
      const participant = current.participants[body.volunteerId];
      if (participant?.status !== 'signed_up') throw conflict(`${body.volunteerId} does not hold a place in this activity`);
      const already = body.action === 'check_in' ? participant.checkedInAt : participant.checkedOutAt;
      if (already) return []; // recorded before: a retry changes nothing
      if (body.action === 'check_out' && !participant.checkedInAt) throw conflict(`${body.volunteerId} has not checked in`);
      const hours = body.action === 'check_out' ? (body.hours ?? measuredHours(current, participant)) : null;
      return [
        {
          type: ActivityAttendanceRecordedV1.type,
          data: { activityId, volunteerId: body.volunteerId, action: body.action, hours, recordedBy: principal.sub, recordedAt: new Date().toISOString() },
        },
      ];
    });
    const participant = state.participants[body.volunteerId];
    let totalHours: number | null = null;
    if (participant.checkedOutAt && participant.hours !== null) {
      // Credited on every check-out request, first or retried: the ledger keeps one entry per
      // (volunteer, activity), and a retry finishes a credit that a crash interrupted.
      const credit = await this.creditHours.execute({
        volunteerId: body.volunteerId,
        sourceType: 'attendance',
        sourceId: activityId,
        hours: participant.hours,
        creditedBy: principal.sub,
      });
      totalHours = credit.state.totalHours;
    }
    return { activityId, volunteerId: body.volunteerId, ...participant, totalHours };
  }
}

/** Time since check-in in quarter hours, never more than the activity lasts. */
function measuredHours(activity: ActivityState, participant: Participant): number {
  const worked = (Date.now() - Date.parse(participant.checkedInAt!)) / 3_600_000;
  const planned = (Date.parse(activity.endsAt) - Date.parse(activity.startsAt)) / 3_600_000;
  return Math.max(0.25, Math.round(Math.min(worked, planned, 24) * 4) / 4);
}
