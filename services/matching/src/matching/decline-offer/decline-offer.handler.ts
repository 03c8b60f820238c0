import { MatchingOfferDeclinedV1 } from '@lantern/contracts';
import { conflict, forbidden, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { MatchingCaseEffects } from '../matching-case.effects';
import { canSeeCase } from '../domain/case-access.policy';
import { currentOffers, openOfferFor } from '../domain/matching-case.state';
import { MatchingCaseRepository } from '../matching-case.repository';
import { OfferRoundsPlanner } from '../offer-rounds.planner';
import { DeclineOfferRequest } from './decline-offer.request.dto';

export interface DeclineResult {
  orderId: string;
  socialWorkerId: string;
  reason: string;
  version: number;
}

/** A worker turns their offer down. When the whole round has declined, the case moves on at once. */
@Injectable()
export class DeclineOfferHandler {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly rounds: OfferRoundsPlanner,
    private readonly effects: MatchingCaseEffects,
  ) {}

  async execute(principal: Principal, orderId: string, { reason }: DeclineOfferRequest): Promise<DeclineResult> {
    const intake = await this.cases.findIntake(orderId);
    if (!intake) throw notFound(`Order ${orderId}`);
    const { state, version } = await this.cases.execute(orderId, async (current, currentVersion) => {
      if (currentVersion === 0 || !canSeeCase(principal, intake.stationId, current)) throw notFound(`Order ${orderId}`);
      if (!current.offers.some((offer) => offer.socialWorkerId === principal.sub)) throw forbidden('This order was not offered to you');
      if (current.status === 'WITHDRAWN') throw conflict('The order was cancelled; its offers are withdrawn');
      if (current.status === 'CLAIMED') throw conflict('The order is already claimed');
      const mine = currentOffers(current).find((offer) => offer.socialWorkerId === principal.sub);
      if (mine?.declined) return []; // the same decline, retried
      const now = new Date();
      if (!openOfferFor(current, principal.sub, now)) throw conflict('Your offer is no longer open: it expired or was superseded');
      const declined = { type: MatchingOfferDeclinedV1.type, data: { orderId, socialWorkerId: principal.sub, reason, declinedAt: now.toISOString() } };
      const everyoneDeclined = currentOffers(current).every((offer) => offer === mine || offer.declined);
      return everyoneDeclined ? [declined, ...(await this.rounds.afterRound(intake, current, now))] : [declined];
    });
    await this.effects.apply(intake, state, version);
    return { orderId, socialWorkerId: principal.sub, reason, version };
  }
}
