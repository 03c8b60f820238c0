import { ActivityAttendanceRecordedV1, EventData } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { HoursLedger } from '../hours-ledger.service';

/**
 * The backstop of the check-out credit. The attendance request credits the hours right after
 * appending the check-out; if the process dies in between, the check-out event (published by the
 * outbox, or its sweeper) still arrives here and the credit happens — once, like every credit:
 * the ledger entry's id is derived from (volunteer, activity), so no processed-message record is kept.
 */
@Injectable()
export class CreditAttendanceHoursHandler {
  constructor(
    private readonly ledger: HoursLedger,
    private readonly store: EventStore,
  ) {}

  async execute(recorded: EventData<typeof ActivityAttendanceRecordedV1>): Promise<void> {
    const { activityId, volunteerId, action, hours, recordedBy, version } = recorded;
    if (action !== 'check_out' || hours === null || hours <= 0) return;
    // Only this deployment's activities: another one sharing the broker keeps its own ledgers.
    if (!(await this.store.has(activityId, version))) return;
    await this.ledger.credit({ volunteerId, sourceType: 'attendance', sourceId: activityId, hours, creditedBy: recordedBy });
  }
}
