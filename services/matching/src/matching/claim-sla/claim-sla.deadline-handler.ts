import { now } from '@lantern/clock';
import { Deadline, DeadlinePoller } from '@lantern/deadlines';
import { NewEvent } from '@lantern/event-store';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { CLAIM_SLA_DEADLINE } from '../claim-sla.deadline';
import { escalationRunOut } from '../domain/escalation';
import { MatchingCaseState } from '../domain/matching-case.state';
import { MatchingCaseEffects } from '../matching-case.effects';
import { MatchingCaseRepository } from '../matching-case.repository';
import { OfferRoundsPlanner } from '../offer-rounds.planner';
import { OrderIntake } from '../order-intake.model';

/**
 * A stage ran out unclaimed: widen, or escalate. Every replica polls the same deadlines, so two
 * may fire this one at once; both decide on the case stream, only while it is still at the
 * stage the clock was set for, and the stream's next version takes one of them. The other
 * retries on fresh state, sees the stage has moved on, and appends nothing.
 */
@Injectable()
export class ClaimSlaDeadlineHandler implements OnModuleInit {
  constructor(
    private readonly poller: DeadlinePoller,
    private readonly cases: MatchingCaseRepository,
    private readonly rounds: OfferRoundsPlanner,
    private readonly effects: MatchingCaseEffects,
  ) {}

  onModuleInit(): void {
    this.poller.register(CLAIM_SLA_DEADLINE, (deadline) => this.fire(deadline));
  }

  fire(deadline: Deadline): Promise<void> {
    return this.runOut(deadline.aggregateId, deadline.payload.stage as number);
  }

  /** The case's clock for `stage` ran out (the deadline fired, or the demo seeder plays one running out). */
  async runOut(orderId: string, stage: number): Promise<void> {
    const intake = await this.cases.findIntake(orderId);
    if (!intake) return;
    const { state, version } = await this.cases.execute(intake._id, async (current) => (current.stage === stage ? this.nextStep(intake, current, now()) : []));
    await this.effects.apply(intake, state, version);
  }

  private async nextStep(intake: OrderIntake, state: MatchingCaseState, at: Date): Promise<NewEvent[]> {
    if (state.status === 'OFFERED') return this.rounds.afterRound(intake, state, at);
    if (state.status === 'ESCALATED') return escalationRunOut(intake, state, at);
    return []; // claimed or withdrawn: nothing moves any more (a new case has no clock yet)
  }
}
