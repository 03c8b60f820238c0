import { MatchingWithdrawnV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { MatchingCaseEffects } from '../matching-case.effects';
import { MatchingCaseRepository } from '../matching-case.repository';

/**
 * The order was cancelled: matching stops. Appended on the case stream like a claim, so a claim
 * racing it either wins first (and is voided by this withdrawal) or loses (and gets 409).
 */
@Injectable()
export class WithdrawMatchingHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly effects: MatchingCaseEffects,
  ) {}

  async execute(orderId: string): Promise<void> {
    // Appended even when the placement has not been seen yet: a placement that failed and went
    // round the retry topic can arrive after its cancellation. The withdrawal then opens the
    // case stream, and the late placement finds it started and makes no offers.
    const { state, version } = await this.cases.execute(orderId, (current) =>
      current.status === 'WITHDRAWN' ? [] : [{ type: MatchingWithdrawnV1.type, data: { orderId, reason: 'order_cancelled', withdrawnAt: new Date().toISOString() } }],
    );
    const intake = await this.cases.findIntake(orderId);
    if (intake) await this.effects.apply(intake, state, version);
  }
}
