import { EventStore, StoredEvent, storedEventModel } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { PersonKeys, PrivacyAnswers, PrivacyRequest, PrivacyRequestAnswerer } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderIntake, orderIntakeModel } from '../../matching/order-intake.model';
import { ResidentContinuity, residentContinuityModel } from '../../matching/workload.models';
import { SocialWorkersRepository } from '../../roster/social-workers/social-workers.repository';

/**
 * Matching's answer to a privacy request about a person. Matching holds ids and coarse facts:
 * - as a resident: the orders it matched for them (category, station, urgency — the intake of
 *   each placement) and which social worker served them last (continuity);
 * - as a social worker: their roster entry (name, skills, stations, capacity).
 * Export returns all of it. Erasure forgets the continuity (nobody is offered the person's next
 * order because they served them before), and a worker's roster entry loses its name and goes
 * inactive; the intakes, cases, offers and claims stay — they are ids, and orders' counts rest on them.
 */
@Injectable()
export class AnswerPrivacyRequestHandler implements PrivacyRequestAnswerer {
  private readonly answers: PrivacyAnswers;
  private readonly intakes: Model<OrderIntake>;
  private readonly events: Model<StoredEvent>;
  private readonly continuity: Model<ResidentContinuity>;

  constructor(
    store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly roster: SocialWorkersRepository,
    private readonly personKeys: PersonKeys,
  ) {
    this.answers = new PrivacyAnswers(store, 'matching');
    this.intakes = orderIntakeModel(connection);
    this.events = storedEventModel(connection);
    this.continuity = residentContinuityModel(connection);
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (request.kind === 'consent-withdrawal' || (await this.answers.answered(request))) return;
    const personId = request.subjectId;
    if (request.kind === 'export') {
      await this.answers.exported(request, await this.exportOf(personId));
      return;
    }
    await this.personKeys.erase(personId);
    await this.continuity.deleteOne({ _id: personId });
    const worker = await this.roster.findById(personId);
    if (worker && (worker.name !== personId || worker.active)) {
      await this.roster.put({ ...worker, name: personId, active: false, available: false, updatedAt: new Date(), updatedBy: `privacy:${request.requestId}` });
    }
    await this.answers.erased(request, 'erasure');
  }

  private async exportOf(personId: string) {
    // The resident's intakes, kept on each case's first event — or in order_intakes (a case opened
    // by its withdrawal, or before intakes went with the case): a scan of each by resident on
    // FerretDB, once per request.
    const [opened, kept, continuity, worker] = await Promise.all([
      this.events.find({ version: 1, 'internal.intake.residentId': personId }, { internal: 1 }).lean<Pick<StoredEvent, 'internal'>[]>(),
      this.intakes.find({ residentId: personId }, { firstEvaluation: 0 }).lean<OrderIntake[]>(),
      this.continuity.findById(personId).lean<ResidentContinuity>(),
      this.roster.findById(personId),
    ]);
    const intakes = new Map<string, OrderIntake>();
    for (const intake of [...opened.map((event) => event.internal?.intake as OrderIntake), ...kept]) intakes.set(intake._id, intake);
    return {
      orders: [...intakes.values()].map(({ _id, serviceCode, category, urgency, stationId, villageId, placedAt }) => ({ orderId: _id, serviceCode, category, urgency, stationId, villageId, placedAt })),
      lastServedBy: continuity ? { socialWorkerId: continuity.socialWorkerId, servedAt: continuity.servedAt } : null,
      rosterEntry: worker ? { name: worker.name, skills: worker.skills, stations: worker.stations, capacity: worker.capacity, active: worker.active, supervisor: worker.supervisor } : null,
    };
  }
}
