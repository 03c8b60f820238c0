import { ActivityAttendanceRecordedV1, CloudEventOf } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { CreditHoursHandler } from './credit-hours.handler';

/**
 * The backstop of the check-out credit. The attendance request credits the hours right after
 * appending the check-out; if the process dies in between, the check-out event (published by the
 * outbox, or its sweeper) still arrives here and the credit happens — once, like every credit:
 * the ledger entry's id is derived from (volunteer, activity), so no processed-message record is kept.
 */
@Controller()
export class AttendanceRecordedMessageController {
  constructor(
    private readonly creditHours: CreditHoursHandler,
    private readonly store: EventStore,
  ) {}

  @OnIdempotentEvent(ActivityAttendanceRecordedV1)
  async onAttendance(event: CloudEventOf<typeof ActivityAttendanceRecordedV1>): Promise<void> {
    const { activityId, volunteerId, action, hours, recordedBy, version } = event.data;
    if (action !== 'check_out' || hours === null || hours <= 0) return;
    // Only this deployment's activities: another one sharing the broker keeps its own ledgers.
    if (!(await this.store.has(activityId, version))) return;
    await this.creditHours.execute({ volunteerId, sourceType: 'attendance', sourceId: activityId, hours, creditedBy: recordedBy });
  }
}
