import { EventData, MatchingClaimedV1, OrderRoutedConfidentialV1, OrderRoutedV1 } from '@lantern/contracts';
import { Injectable } from '@nestjs/common';
import { MatchingCaseEffects } from '../matching-case.effects';
import { MatchingCaseRepository } from '../matching-case.repository';

/**
 * An escalated order was routed straight away by a supervisor or a committee member, without
 * taking it here first: routing it is taking it. The case records that person's claim, so its
 * clocks stop (no committee escalation, no final alert for an order already in someone's hands)
 * and the claim counts in their workload until the order is done.
 *
 * Only routings that say so (`takenAs`) are read at all: an ordinary routing costs nothing here.
 * Idempotent by construction: only an ESCALATED case is settled; a redelivery finds it CLAIMED.
 */
@Injectable()
export class SettleEscalationHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly effects: MatchingCaseEffects,
  ) {}

  async execute(routed: EventData<typeof OrderRoutedV1> | EventData<typeof OrderRoutedConfidentialV1>): Promise<void> {
    const claimedAs = routed.takenAs;
    if (!claimedAs) return;
    const intake = await this.cases.findIntake(routed.orderId);
    if (!intake) return; // not a case of this deployment's matching
    const { state, version } = await this.cases.execute(routed.orderId, (current) => {
      if (current.status !== 'ESCALATED') return [];
      return [
        {
          type: MatchingClaimedV1.type,
          data: { orderId: routed.orderId, socialWorkerId: routed.routedBy, stationId: routed.stationId, claimedAt: routed.routedAt, claimedAs },
        },
      ];
    });
    await this.effects.apply(intake, state, version);
  }
}
