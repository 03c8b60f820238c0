import { VolunteerConsentWithdrawnV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { PrivacyAnswers, PrivacyRequest, PrivacyRequestAnswerer } from '@lantern/privacy';
import { Injectable } from '@nestjs/common';
import { ActivityRepository } from '../../activities/activity.repository';
import { HoursNotesRepository } from '../../hours/hours-notes.repository';
import { TeamRepository } from '../../teams/team.repository';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';

/**
 * The volunteers service's answer to a privacy request about a person:
 * - export: their volunteer record — name, phone and ID number in full (it is their own), consent,
 *   villages, skills, availability, training and every entry of their hours ledger with its reason —
 *   every activity they signed up for (with their place and attendance) and every team they
 *   belong to (as member or coordinator);
 * - erasure and consent withdrawal: `lantern.volunteer.consent-withdrawn.v1` on their stream
 *   (no sign-ups, team places or task assignments from then on), their key and personal document
 *   deleted (and, on erasure, the reasons written about their hours). Their stream and hours ledger stay: teams' and activities' totals do not change.
 */
@Injectable()
export class AnswerPrivacyRequestHandler implements PrivacyRequestAnswerer {
  private readonly answers: PrivacyAnswers;

  constructor(
    store: EventStore,
    private readonly volunteers: VolunteerRepository,
    private readonly notes: HoursNotesRepository,
    private readonly activities: ActivityRepository,
    private readonly teams: TeamRepository,
  ) {
    this.answers = new PrivacyAnswers(store, 'volunteers');
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (await this.answers.answered(request)) return;
    const volunteerId = request.subjectId;
    if (request.kind === 'export') {
      const [volunteer, activities, teams] = await Promise.all([this.exportOf(volunteerId), this.signUpsOf(volunteerId), this.teamsOf(volunteerId)]);
      await this.answers.exported(request, { volunteer, activities, teams });
      return;
    }
    const { state } = await this.volunteers.load(volunteerId);
    // The reasons written about their hours entries are free text about them: erasure deletes them.
    if (request.kind === 'erasure') await this.notes.forget(state.entries.map((entry) => entry.entryId));
    if (state.exists) {
      await this.volunteers.execute(volunteerId, (current) =>
        !current.exists || current.status === 'withdrawn'
          ? []
          : [{ type: VolunteerConsentWithdrawnV1.type, data: { volunteerId, reason: request.kind, requestId: request.requestId, withdrawnAt: new Date().toISOString() } }],
      );
    }
    await this.volunteers.forgetPersonal(volunteerId);
    await this.answers.erased(request, request.kind);
  }

  private async signUpsOf(volunteerId: string) {
    return (await this.activities.signedUpBy(volunteerId)).map((activity) => {
      const { status, checkedInAt, checkedOutAt, hours } = activity.participants[volunteerId];
      const { id, title, stationId, villageId, teamId, startsAt, endsAt, cancelledAt } = activity;
      return { id, title, stationId, villageId, teamId, startsAt, endsAt, cancelledAt, status, checkedInAt, checkedOutAt, hours };
    });
  }

  private async teamsOf(personId: string) {
    return (await this.teams.teamsOf(personId)).map(({ _id, name, kind, villageId, stationId, coordinatorIds }) => ({
      id: _id,
      name,
      kind,
      villageId,
      stationId,
      role: coordinatorIds.includes(personId) ? 'coordinator' : 'member',
    }));
  }

  private async exportOf(volunteerId: string) {
    const [{ state }, personal] = await Promise.all([this.volunteers.load(volunteerId), this.volunteers.findPersonal(volunteerId)]);
    if (!state.exists) return null;
    const reasons = await this.notes.reasonsFor(state.entries.map((entry) => entry.entryId));
    return {
      id: volunteerId,
      status: state.status,
      name: personal?.name ?? null,
      phone: personal?.phone ?? null,
      idNumber: personal?.idNumber ?? null,
      availability: personal?.availability ?? [],
      consentVersion: state.consentVersion,
      registeredAt: state.registeredAt,
      villages: state.villages,
      skills: state.skills,
      training: state.training,
      hours: { total: state.totalHours, entries: state.entries.map((entry) => ({ ...entry, reason: reasons.get(entry.entryId) ?? null })) },
    };
  }
}
