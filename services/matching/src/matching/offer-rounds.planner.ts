import { APP_CONFIG } from '@lantern/config';
import { MatchingOffersExpiredV1, MatchingOffersMadeV1 } from '@lantern/contracts';
import { NewEvent } from '@lantern/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { MatchingConfig } from '../matching.config';
import { SocialWorkersRepository } from '../roster/social-workers/social-workers.repository';
import { CandidateEvaluationsRepository } from './candidate-evaluations.repository';
import { CandidateVerdict, needsWorkload, RosterFacts, selectCandidates } from './domain/candidate-selection';
import { claimSlaMs } from './domain/claim-sla';
import { escalationEvent } from './domain/escalation';
import { MatchingCaseState } from './domain/matching-case.state';
import { continuityApplies, OrderIntake, RoundEvaluation } from './order-intake.model';
import { WorkloadRepository } from './workload.repository';

/**
 * Offer rounds, shared by the use cases that start one: a placement opens round 1
 * (start-matching); a round that ends unclaimed — every offer declined (decline-offer) or its
 * clock run out (claim-sla) — widens to the next candidates, and after the last round escalates
 * to the station supervisors. Returns events; callers append them on fresh state. What happens
 * once a case is escalated is claim-sla's alone (domain/escalation.ts).
 */
@Injectable()
export class OfferRoundsPlanner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: MatchingConfig,
    private readonly workers: SocialWorkersRepository,
    private readonly workload: WorkloadRepository,
    private readonly evaluations: CandidateEvaluationsRepository,
  ) {}

  /**
   * A new case: offer round 1 to the best candidates, or escalate at once when there are none.
   * The evaluation is not stored here: it goes with the event that opens the case (whose insert
   * decides which replica's evaluation stands).
   */
  async firstRound(intake: OrderIntake, state: MatchingCaseState, now: Date): Promise<{ events: NewEvent[]; evaluation: RoundEvaluation }> {
    const evaluation: RoundEvaluation = { evaluatedAt: new Date(), candidates: await this.evaluate(intake, state, 1, now) };
    return { events: await this.offersOrEscalation(intake, state, 1, evaluation, now), evaluation };
  }

  /** The current round ended unclaimed: it expires, and the next round (or the escalation) follows. */
  async afterRound(intake: OrderIntake, state: MatchingCaseState, now: Date): Promise<NewEvent[]> {
    const expired = { type: MatchingOffersExpiredV1.type, data: { orderId: intake._id, round: state.round, expiredAt: now.toISOString() } };
    const next = state.round < this.config.MATCHING_OFFER_ROUNDS ? await this.offerOrEscalate(intake, state, state.round + 1, now) : await this.escalate(intake, state, now);
    return [expired, ...next];
  }

  /** A later round: its evaluation stored once (`candidate_evaluations`), then offered or escalated. */
  private async offerOrEscalate(intake: OrderIntake, state: MatchingCaseState, round: number, now: Date): Promise<NewEvent[]> {
    const evaluation = await this.evaluations.evaluateOnce(intake, round, () => this.evaluate(intake, state, round, now));
    return this.offersOrEscalation(intake, state, round, evaluation, now);
  }

  private async offersOrEscalation(intake: OrderIntake, state: MatchingCaseState, round: number, evaluation: RoundEvaluation, now: Date): Promise<NewEvent[]> {
    const chosen = evaluation.candidates.filter((candidate) => candidate.chosen);
    if (chosen.length === 0) return this.escalate(intake, state, now);
    const expiresAt = new Date(now.getTime() + claimSlaMs(intake.claimSlaMinutes, intake.urgency, this.config.MATCHING_CLAIM_SLA_SECONDS)).toISOString();
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
    if (supervisors.length > 0 && !alreadyWithSupervisors) return [escalationEvent(intake, 'supervisor', supervisors, now)];
    // The committee's fulfiller id is its village id: the backstop exists by definition.
    return [escalationEvent(intake, 'committee', [intake.villageId], now)];
  }

  /**
   * The station's roster (in memory), filtered and scored for this order; those offered in
   * earlier rounds are out. The workload is read — by `_id`, at once — only for the workers the
   * roster alone does not rule out, and the resident's last worker (unless continuity does not apply).
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
      candidates.length > 0 && continuityApplies(intake) ? this.workload.lastWorkerFor(intake.residentId) : Promise.resolve(null),
    ]);
    const inputs = pool.map((facts) => {
      const workload = workloads.get(facts.socialWorkerId);
      return { ...facts, load: workload?.load ?? null, servedResidentBefore: lastWorker === facts.socialWorkerId, lastClaimedAt: workload?.lastClaimedAt ?? null };
    });
    return selectCandidates(intake, inputs, this.config.MATCHING_OFFERS_PER_ROUND, round, now);
  }
}
