import { ActivityAttendanceRecordedV1, CloudEventOf } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CreditAttendanceHoursHandler } from './credit-attendance-hours.handler';

/** A check-out recorded on an activity credits the volunteer's hours (the backstop: see the handler). */
@Controller()
export class CreditAttendanceHoursMessageController {
  constructor(private readonly creditAttendanceHours: CreditAttendanceHoursHandler) {}

  @OnIdempotentEvent(ActivityAttendanceRecordedV1)
  onAttendance(event: CloudEventOf<typeof ActivityAttendanceRecordedV1>): Promise<void> {
    return this.creditAttendanceHours.execute(event.data);
  }
}
