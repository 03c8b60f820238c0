import { ActivityAttendanceRecordedV1 } from '@lantern/contracts';
import { ConflictError, NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { HoursLedger } from '../../hours/hours-ledger.service';
import { ActivityRepository } from '../activity.repository';
import { assertManagedActivity } from '../domain/activity-guards';
import { Activity, Participant } from '../domain/activity.state';
import { RecordAttendanceRequest } from './record-attendance.request.dto';

/** Checks a volunteer in or out; a check-out credits the hours worked to the volunteer's ledger, once. */
@Injectable()
export class RecordAttendanceHandler {
  constructor(
    private readonly activities: ActivityRepository,
    private readonly ledger: HoursLedger,
  ) {}

  async execute(activityId: string, principal: Principal, request: RecordAttendanceRequest): Promise<{ participant: Participant; totalHours: number | null }> {
    assertManagedActivity((await this.activities.load(activityId)).state, activityId, principal);

    const { state } = await this.activities.execute(activityId, (current) => {
      if (!current.exists) throw new NotFoundError(`Activity ${activityId}`);
      const participant = current.participants[request.volunteerId];
      if (participant?.status !== 'signed_up') throw new ConflictError(`${request.volunteerId} does not hold a place in this activity`);
      const already = request.action === 'check_in' ? participant.checkedInAt : participant.checkedOutAt;
      if (already) return []; // recorded before: a retry changes nothing
      // Nobody checks in to an activity that was called off (one checked in before may still check out).
      if (current.cancelledAt && request.action === 'check_in') throw new ConflictError(`Activity ${activityId} was cancelled`);
      if (request.action === 'check_out' && !participant.checkedInAt) throw new ConflictError(`${request.volunteerId} has not checked in`);
      const hours = request.action === 'check_out' ? (request.hours ?? measuredHours(current, participant)) : null;
      return [
        {
          type: ActivityAttendanceRecordedV1.type,
          data: { activityId, volunteerId: request.volunteerId, action: request.action, hours, recordedBy: principal.sub, recordedAt: new Date().toISOString() },
        },
      ];
    });
    const participant = state.participants[request.volunteerId];
    let totalHours: number | null = null;
    if (participant.checkedOutAt && participant.hours !== null) {
      // Credited on every check-out request, first or retried: the ledger keeps one entry per
      // (volunteer, activity), and a retry finishes a credit that a crash interrupted.
      const credit = await this.ledger.credit({
        volunteerId: request.volunteerId,
        sourceType: 'attendance',
        sourceId: activityId,
        hours: participant.hours,
        creditedBy: principal.sub,
      });
      totalHours = credit.state.totalHours;
    }
    return { participant, totalHours };
  }
}

/** Time since check-in in quarter hours, never more than the activity lasts. */
function measuredHours(activity: Pick<Activity, 'startsAt' | 'endsAt'>, participant: Participant): number {
  const worked = (Date.now() - Date.parse(participant.checkedInAt!)) / 3_600_000;
  const planned = (Date.parse(activity.endsAt) - Date.parse(activity.startsAt)) / 3_600_000;
  return Math.max(0.25, Math.round(Math.min(worked, planned, 24) * 4) / 4);
}
