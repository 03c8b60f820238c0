import { APP_CONFIG } from '@lantern/config';
import { MatchingBackstopOverdueV1, MatchingEscalatedV1, MatchingOffersExpiredV1, MatchingOffersMadeV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { MatchingConfig } from '../matching.config';
import { SocialWorkersRepository } from '../roster/social-workers/social-workers.repository';
import { CandidateEvaluationsRepository } from './candidate-evaluations.repository';
import { CandidateVerdict, needsWorkload, RosterFacts, selectCandidates } from './domain/candidate-selection';
import { claimSlaMs } from './domain/claim-sla';
import { lastEscalation, MatchingCaseState } from './domain/matching-case.state';
import { OrderIntake } from './order-intake.model';
import { WorkloadRepository } from './workload/workload.repository';

/**
 * Decides how a case moves on when it starts or when a step runs out: offer the best candidates,
 * widen to the next ones, escalate to the station supervisors, and finally hand the order to the
 * village committee as backstop (兜底). Returns events; callers append them on fresh state.
 */
@Injectable()
export class MatchingPlanner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: MatchingConfig,
    private readonly workers: SocialWorkersRepository,
    private readonly workload: WorkloadRepository,
    private readonly evaluations: CandidateEvaluationsRepository,
  ) {}

  claimSlaMs(intake: OrderIntake): number {
    return claimSlaMs(intake.claimSlaMinutes, intake.urgency, this.config.MATCHING_CLAIM_SLA_SECONDS);
  }

  async nextStep(intake: OrderIntake, state: MatchingCaseState, now: Date): Promise<NewEvent[]> {
    switch (state.status) {
      case 'NEW':
        return this.offerOrEscalate(intake, state, 1, now);
      case 'OFFERED': {
        const expired = { type: MatchingOffersExpiredV1.type, data: { orderId: intake._id, round: state.round, expiredAt: now.toISOString() } };
        const next = state.round < this.config.MATCHING_OFFER_ROUNDS ? await this.offerOrEscalate(intake, state, state.round + 1, now) : await this.escalate(intake, state, now);
        return [expired, ...next];
      }
      case 'ESCALATED':
        if (lastEscalation(state)?.level === 'supervisor') return [this.escalation(intake, 'committee', [intake.villageId], now)];
        return state.backstopOverdueAt ? [] : [this.backstopOverdue(intake, state, now)];
      default:
        return []; // claimed or withdrawn: nothing moves any more
    }
  }

  private async offerOrEscalate(intake: OrderIntake, state: MatchingCaseState, round: number, now: Date): Promise<NewEvent[]> {
    const evaluation = await this.evaluations.evaluateOnce(intake, round, () => this.evaluate(intake, state, round, now));
    const chosen = evaluation.candidates.filter((candidate) => candidate.chosen);
    if (chosen.length === 0) return this.escalate(intake, state, now);
    const expiresAt = new Date(now.getTime() + this.claimSlaMs(intake)).toISOString();
    return [
      {
        type: MatchingOffersMadeV1.type,
        data: {
          orderId: intake._id,
          round,
          stationId: intake.stationId,
          offers: chosen.map((candidate) => ({ socialWorkerId: candidate.socialWorkerId, expiresAt })),
          offeredAt: now.toISOString(),
        },
      },
    ];
  }

  /** To the station's supervisors — or, when it has none, straight to the village committee. */
  private async escalate(intake: OrderIntake, state: MatchingCaseState, now: Date): Promise<NewEvent[]> {
    const supervisors = (await this.workers.forStation(intake.stationId))
      .filter((worker) => worker.supervisor && worker.active)
      .map((worker) => worker._id)
      .sort();
    const alreadyWithSupervisors = state.escalations.some((escalation) => escalation.level === 'supervisor');
    if (supervisors.length > 0 && !alreadyWithSupervisors) return [this.escalation(intake, 'supervisor', supervisors, now)];
    // The committee's fulfiller id is its village id: the backstop exists by definition.
    return [this.escalation(intake, 'committee', [intake.villageId], now)];
  }

  private escalation(intake: OrderIntake, level: 'supervisor' | 'committee', assignees: string[], now: Date): NewEvent {
    return {
      type: MatchingEscalatedV1.type,
      data: { orderId: intake._id, level, stationId: intake.stationId, villageId: intake.villageId, assignees, escalatedAt: now.toISOString() },
    };
  }

  /** The committee's own clock ran out too: the last word goes to the centre's admins. */
  private backstopOverdue(intake: OrderIntake, state: MatchingCaseState, now: Date): NewEvent {
    return {
      type: MatchingBackstopOverdueV1.type,
      data: { orderId: intake._id, stationId: intake.stationId, villageId: intake.villageId, escalatedAt: lastEscalation(state)!.escalatedAt, overdueAt: now.toISOString() },
    };
  }

  /**
   * The station's roster (in memory), filtered and scored for this order; those offered in
   * earlier rounds are out. The workload is read — by `_id`, at once — only for the workers the
   * roster alone does not rule out, and the resident's last worker.
   */
  private async evaluate(intake: OrderIntake, state: MatchingCaseState, round: number, now: Date): Promise<CandidateVerdict[]> {
    const offeredIn = new Map(state.offers.map((offer) => [offer.socialWorkerId, offer.round]));
    const pool: RosterFacts[] = (await this.workers.forStation(intake.stationId)).map((worker) => ({
      socialWorkerId: worker._id,
      skills: worker.skills,
      active: worker.active,
      available: worker.available,
      supervisor: worker.supervisor,
      capacity: worker.capacity,
      offeredInRound: offeredIn.get(worker._id) ?? null,
    }));
    const candidates = pool.filter((facts) => needsWorkload(intake, facts));
    const [workloads, lastWorker] = await Promise.all([
      this.workload.workloadsOf(candidates.map((facts) => ({ id: facts.socialWorkerId, capacity: facts.capacity }))),
      candidates.length > 0 ? this.workload.lastWorkerFor(intake.residentId) : Promise.resolve(null),
    ]);
    const inputs = pool.map((facts) => {
      const workload = workloads.get(facts.socialWorkerId);
      return { ...facts, load: workload?.load ?? null, servedResidentBefore: lastWorker === facts.socialWorkerId, lastClaimedAt: workload?.lastClaimedAt ?? null };
    });
    return selectCandidates(intake, inputs, this.config.MATCHING_OFFERS_PER_ROUND, round, now);
  }
}
