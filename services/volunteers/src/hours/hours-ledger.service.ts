import { EventData, STAR_THRESHOLDS, VolunteerHoursCreditedV1, VolunteerLevelReachedV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { NotFoundError } from '@lantern/errors';
import { Injectable } from '@nestjs/common';
import { HoursEntry, VolunteerState } from '../volunteers/domain/volunteer.state';
import { VolunteerRepository } from '../volunteers/volunteer.repository';
import { roundHours, starsFor } from '../volunteers/domain/star-levels';
import { HoursNotesRepository } from './hours-notes.repository';

export interface CreditHours {
  volunteerId: string;
  sourceType: EventData<typeof VolunteerHoursCreditedV1>['sourceType'];
  sourceId: string;
  hours: number;
  correctsEntryId?: string | null;
  creditedBy: string;
  /** Extra rule checked on fresh state inside the decision (e.g. a correction's bounds). */
  check?: (state: VolunteerState) => void;
}

/** One ledger entry per (volunteer, source): the id is derived from the cause, never random. */
export const hoursEntryId = (volunteerId: string, sourceType: string, sourceId: string) => `hours:${volunteerId}:${sourceType}:${sourceId}`;

/**
 * Credits hours exactly once per (volunteer, source), whatever is redelivered or retried. Shared by
 * every use case that credits hours (attendance, team orders, grants, corrections), hence at the
 * root of `hours/` rather than inside one of them.
 *
 * The volunteer's stream arbitrates: concurrent credits of one source collide on the stream
 * version, and the loser decides again on fresh state, finds the entry and does nothing. Star
 * levels are decided from state too — "a level reached but not yet announced" — so the level
 * event is appended once, in the same decision as the entry that crossed it, and a retry after a
 * half-finished append still finishes the announcement.
 */
@Injectable()
export class HoursLedger {
  constructor(
    private readonly volunteers: VolunteerRepository,
    private readonly notes: HoursNotesRepository,
  ) {}

  /**
   * An admin's entry (a grant or a correction) with the reason for it. The reason is written
   * first, so such an entry never exists without it; a retry with the same source finds both.
   */
  async creditWithReason(credit: CreditHours, reason: string): Promise<HoursEntry> {
    await this.notes.save(hoursEntryId(credit.volunteerId, credit.sourceType, credit.sourceId), reason);
    const { state, entryId } = await this.credit(credit);
    if (!state.exists) throw new NotFoundError(`Volunteer ${credit.volunteerId}`);
    return state.entries.find((entry) => entry.entryId === entryId)!;
  }

  async credit(credit: CreditHours): Promise<{ state: VolunteerState; entryId: string; credited: boolean }> {
    const entryId = hoursEntryId(credit.volunteerId, credit.sourceType, credit.sourceId);
    let credited = false;
    const { state } = await this.volunteers.execute(credit.volunteerId, (current) => {
      if (!current.exists) return [];
      const events: NewEvent[] = [];
      let total = current.totalHours;
      credited = false;
      if (!current.entries.some((entry) => entry.entryId === entryId)) {
        credit.check?.(current);
        total = roundHours(total + credit.hours);
        credited = true;
        events.push({
          type: VolunteerHoursCreditedV1.type,
          data: {
            volunteerId: credit.volunteerId,
            entryId,
            sourceType: credit.sourceType,
            sourceId: credit.sourceId,
            hours: credit.hours,
            correctsEntryId: credit.correctsEntryId ?? null,
            totalHours: total,
            creditedBy: credit.creditedBy,
            creditedAt: new Date().toISOString(),
          },
        });
      }
      return [...events, ...announceLevels(credit.volunteerId, current.starsAnnounced, total)];
    });
    return { state, entryId, credited };
  }
}

/** The level events owed at this total: every star level above the highest one announced. */
function announceLevels(volunteerId: string, starsAnnounced: number, totalHours: number): NewEvent[] {
  const events: NewEvent[] = [];
  for (let stars = starsAnnounced + 1; stars <= starsFor(totalHours); stars += 1) {
    events.push({
      type: VolunteerLevelReachedV1.type,
      data: { volunteerId, stars, thresholdHours: STAR_THRESHOLDS[stars - 1], totalHours, reachedAt: new Date().toISOString() },
    });
  }
  return events;
}
