import { now } from '@lantern/clock';
import { MatchingClaimedV1 } from '@lantern/contracts';
import { conflict, forbidden, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { MatchingCaseEffects } from '../matching-case.effects';
import { canSeeCase, escalatedRefusal, escalationTaker } from '../domain/case-access.policy';
import { openOfferFor } from '../domain/matching-case.state';
import { MatchingCaseRepository } from '../matching-case.repository';

export interface ClaimResult {
  orderId: string;
  socialWorkerId: string;
  claimedAt: string;
  version: number;
}

/**
 * Invariant 1: of N concurrent claims exactly one wins. Each claim appends `claimed` at the
 * next version of the case; the primary key lets one through, and the others decide again on
 * the winner's state — where "already claimed" is a 409.
 */
@Injectable()
export class ClaimOrderHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly effects: MatchingCaseEffects,
  ) {}

  async execute(principal: Principal, orderId: string): Promise<ClaimResult> {
    // Known to the replica that placed it; else read with the case, which the decision then uses as read.
    const intake = await this.cases.findIntake(orderId);
    if (!intake) throw notFound(`Order ${orderId}`);
    const { state, version } = await this.cases.execute(orderId, async (current, currentVersion) => {
      if (currentVersion === 0 || !canSeeCase(principal, intake.stationId, current)) throw notFound(`Order ${orderId}`);
      if (current.status === 'WITHDRAWN') throw conflict('The order was cancelled; its offers are withdrawn');
      if (current.status === 'CLAIMED') {
        if (current.claimedBy === principal.sub) return []; // the same claim, retried
        throw conflict('Another social worker claimed this order first');
      }
      const at = now();
      const claimedAs = escalationTaker(principal, intake.stationId, current);
      if (!claimedAs) {
        const offered = current.offers.some((offer) => offer.socialWorkerId === principal.sub);
        if (!offered || !principal.roles.includes('social_worker')) {
          throw forbidden(current.status === 'ESCALATED' ? escalatedRefusal(current) : 'This order was not offered to you');
        }
        if (!openOfferFor(current, principal.sub, at)) throw conflict('Your offer is no longer open: it was declined, expired or superseded');
      }
      return [
        {
          type: MatchingClaimedV1.type,
          data: { orderId, socialWorkerId: principal.sub, stationId: intake.stationId, claimedAt: at.toISOString(), claimedAs: claimedAs ?? 'social_worker' },
        },
      ];
    });
    await this.effects.apply(intake, state, version);
    return { orderId, socialWorkerId: principal.sub, claimedAt: state.claimedAt ?? now().toISOString(), version };
  }
}
