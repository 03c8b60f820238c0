import { CurrentPrincipal, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AttendanceResponse } from './attendance.response.dto';
import { RecordAttendanceHandler } from './record-attendance.handler';
import { RecordAttendanceRequest } from './record-attendance.request.dto';

@ApiTags('activities')
@Controller('activities')
export class RecordAttendanceHttpController {
  constructor(private readonly recordAttendance: RecordAttendanceHandler) {}

  @Post(':id/attendance')
  @HttpCode(200)
  @Roles('coordinator', 'admin')
  @ApiOperation({ summary: 'Check a signed-up volunteer in or out (the activity’s coordinators, admins); check-out credits the hours once' })
  @ApiOkResponse({ type: AttendanceResponse })
  @ApiConflictResponse({ description: 'The volunteer does not hold a place in the activity, the activity was cancelled (check-in), or they have not checked in (check-out)' })
  async record(@Param('id') activityId: string, @Body() body: RecordAttendanceRequest, @CurrentPrincipal() principal: Principal): Promise<AttendanceResponse> {
    const { participant, totalHours } = await this.recordAttendance.execute(activityId, principal, body);
    return { activityId, volunteerId: body.volunteerId, ...participant, totalHours };
  }
}
