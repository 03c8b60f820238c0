import { InvalidError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { HoursEntry, VolunteerState } from '../../volunteers/domain/volunteer.state';
import { roundHours } from '../../volunteers/domain/star-levels';
import { HoursLedger } from '../hours-ledger.service';
import { CorrectHoursRequest } from './correct-hours.request.dto';

/** A correction is a new ledger entry that references the original, never an edit of it. */
@Injectable()
export class CorrectHoursHandler {
  constructor(private readonly ledger: HoursLedger) {}

  execute(volunteerId: string, sourceId: string, principal: Principal, request: CorrectHoursRequest): Promise<HoursEntry> {
    return this.ledger.creditWithReason(
      {
        volunteerId,
        sourceType: 'correction',
        sourceId,
        hours: request.hours,
        correctsEntryId: request.correctsEntryId,
        creditedBy: principal.sub,
        check: (current) => checkCorrection(current, request),
      },
      request.reason,
    );
  }
}

/** A correction names an original entry of this volunteer and never takes it, or the total, below zero. */
function checkCorrection(state: VolunteerState, request: CorrectHoursRequest): void {
  const original = state.entries.find((entry) => entry.entryId === request.correctsEntryId);
  if (!original || original.sourceType === 'correction') {
    throw new InvalidError('A correction must reference an original ledger entry of this volunteer', [
      { field: 'body.correctsEntryId', message: 'is not an original entry of this volunteer’s ledger' },
    ]);
  }
  const corrected = state.entries.filter((entry) => entry.correctsEntryId === original.entryId).reduce((sum, entry) => sum + entry.hours, original.hours);
  if (roundHours(corrected + request.hours) < 0 || roundHours(state.totalHours + request.hours) < 0) {
    throw new InvalidError('The correction would take the entry below zero hours', [
      { field: 'body.hours', message: `at most ${roundHours(corrected)} hours can be taken from this entry` },
    ]);
  }
}
