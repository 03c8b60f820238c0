import { VolunteerConsentWithdrawnV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { PrivacyAnswers, PrivacyRequest, PrivacyRequestAnswerer } from '@lantern/privacy';
import { Injectable } from '@nestjs/common';
import { HoursNotesRepository } from '../../hours/hours-notes.repository';
import { VolunteerRepository } from '../../volunteers/volunteer.repository';

/**
 * The volunteers service's answer to a privacy request about a person:
 * - export: their volunteer record — name, phone and ID number in full (it is their own), consent,
 *   villages, skills, availability, training and every entry of their hours ledger with its reason;
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
  ) {
    this.answers = new PrivacyAnswers(store, 'volunteers');
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (await this.answers.answered(request)) return;
    const volunteerId = request.subjectId;
    if (request.kind === 'export') {
      await this.answers.exported(request, { volunteer: await this.exportOf(volunteerId) });
      return;
    }
    const { state } = await this.volunteers.load(volunteerId);
    // The reasons written about their hours entries are free text about them: erasure deletes them.
    if (request.kind === 'erasure') await this.notes.forget(state.entries.map((entry) => entry.entryId));
    if (state.exists) {
      await this.volunteers.execute(volunteerId, (current) =>
        current.status === 'withdrawn'
          ? []
          : [{ type: VolunteerConsentWithdrawnV1.type, data: { volunteerId, reason: request.kind, requestId: request.requestId, withdrawnAt: new Date().toISOString() } }],
      );
    }
    await this.volunteers.forgetPersonal(volunteerId);
    await this.answers.erased(request, request.kind);
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
