import { now } from '@lantern/clock';
import { Deadline, DeadlinePoller } from '@lantern/deadlines';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseEffects } from '../case-effects';
import { MatchingCaseRepository } from '../matching-case.repository';
import { MatchingPlanner } from '../matching-planner';
import { CLAIM_SLA_DEADLINE } from './claim-sla.deadline';

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
    private readonly planner: MatchingPlanner,
    private readonly effects: CaseEffects,
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
    const { state, version } = await this.cases.execute(intake._id, (current) => (current.stage === stage ? this.planner.nextStep(intake, current, now()) : []));
    await this.effects.apply(intake, state, version);
  }
}
