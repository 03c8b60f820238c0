import { APP_CONFIG } from '@lantern/config';
import { Deadlines } from '@lantern/deadlines';
import { Inject, Injectable } from '@nestjs/common';
import { MatchingConfig } from '../matching.config';
import { claimSlaDeadlineId, CLAIM_SLA_DEADLINE } from './claim-sla.deadline';
import { claimSlaMs } from './domain/claim-sla';
import { currentOffers, lastEscalation, MatchingCaseState } from './domain/matching-case.state';
import { continuityApplies, OrderIntake } from './order-intake.model';
import { WorkerOffersRepository } from './worker-offers.repository';
import { WorkloadRepository } from './workload.repository';

/**
 * What follows from the state of a case, outside its stream: the clock of the current stage,
 * the workers' open-offer lists and the workload. Run after every command, whether or not it
 * appended, so a retry after a crash finishes the job; every write is idempotent and keyed by `_id`.
 */
@Injectable()
export class MatchingCaseEffects {
  constructor(
    @Inject(APP_CONFIG) private readonly config: MatchingConfig,
    private readonly deadlines: Deadlines,
    private readonly offers: WorkerOffersRepository,
    private readonly workload: WorkloadRepository,
  ) {}

  /** `version`: the case version `state` is as of (the offer lists record it). */
  async apply(intake: OrderIntake, state: MatchingCaseState, version: number, now = new Date()): Promise<void> {
    await Promise.all([this.syncClock(intake, state), this.offers.sync(intake._id, state, version, now), this.syncWorkload(intake, state)]);
  }

  private async syncClock(intake: OrderIntake, state: MatchingCaseState): Promise<void> {
    const orderId = intake._id;
    if (state.stage > 1) await this.deadlines.cancel(claimSlaDeadlineId(orderId, state.stage - 1));
    const dueAt = this.stageDueAt(intake, state);
    if (!dueAt) {
      if (state.stage > 0) await this.deadlines.cancel(claimSlaDeadlineId(orderId, state.stage));
      return;
    }
    // Scheduling again keeps the first due time: replicas and retries agree on one clock.
    await this.deadlines.schedule({ id: claimSlaDeadlineId(orderId, state.stage), kind: CLAIM_SLA_DEADLINE, aggregateId: orderId, dueAt, payload: { stage: state.stage } });
  }

  /**
   * When the current stage runs out: the offers' expiry, or the claim SLA again from the
   * escalation (the supervisors', then the committee's own clock, whose end alerts the admins).
   * Null when no clock runs.
   */
  private stageDueAt(intake: OrderIntake, state: MatchingCaseState): Date | null {
    if (state.status === 'OFFERED') {
      return new Date(Math.max(...currentOffers(state).map((offer) => Date.parse(offer.expiresAt))));
    }
    const escalation = lastEscalation(state);
    if (state.status === 'ESCALATED' && escalation && !state.backstopOverdueAt) {
      return new Date(Date.parse(escalation.escalatedAt) + claimSlaMs(intake.claimSlaMinutes, intake.urgency, this.config.MATCHING_CLAIM_SLA_SECONDS));
    }
    return null;
  }

  private async syncWorkload(intake: OrderIntake, state: MatchingCaseState): Promise<void> {
    if (state.status === 'CLAIMED' && state.claimedBy && state.claimedAt) {
      await this.workload.recordClaim(intake._id, state.claimedBy, continuityApplies(intake) ? intake.residentId : null, new Date(state.claimedAt));
    } else if (state.status === 'WITHDRAWN' && state.claimedBy) {
      await this.workload.release(intake._id); // the cancellation voided the claim
    }
  }
}
