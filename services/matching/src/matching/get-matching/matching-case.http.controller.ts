import { APP_CONFIG } from '@lantern/config';
import { CurrentPrincipal, notFound, Roles } from '@lantern/http';
import { isStationStaff, Principal, STATION_STAFF_ROLES } from '@lantern/identity';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MatchingConfig } from '../../matching.config';
import { CandidateEvaluationsRepository } from '../candidate-evaluations.repository';
import { claimSlaMs } from '../domain/claim-sla';
import { MatchingCaseState, offerStatus } from '../domain/matching-case.state';
import { MatchingCaseRepository } from '../matching-case.repository';
import { OrderIdParams } from '../order-id.params';
import { MatchingCaseResponse } from './matching-case.response.dto';

@ApiTags('matching')
@Controller('orders')
export class MatchingCaseHttpController {
  constructor(
    private readonly cases: MatchingCaseRepository,
    private readonly evaluations: CandidateEvaluationsRepository,
    @Inject(APP_CONFIG) private readonly config: MatchingConfig,
  ) {}

  @Get(':orderId/matching')
  @Roles('admin', ...STATION_STAFF_ROLES)
  @ApiOperation({ summary: 'How an order is being matched: candidates and why, offers, escalations (staff of its station, admins)' })
  @ApiOkResponse({ type: MatchingCaseResponse })
  async get(@Param() { orderId }: OrderIdParams, @CurrentPrincipal() principal: Principal): Promise<MatchingCaseResponse> {
    const intake = await this.cases.findIntake(orderId);
    // Another station's order answers exactly like a missing one.
    if (!intake || !(principal.roles.includes('admin') || isStationStaff(principal, intake.stationId))) throw notFound(`Matching of order ${orderId}`);
    // Loaded after the intake, not alongside it: a replica that does not know the intake reads
    // it with the case, and this load then costs only the probe for anything appended since.
    const [{ state, version }, now] = [await this.cases.load(orderId), new Date()];
    const rounds = await this.evaluations.forOrder(intake, evaluatedRounds(state));
    return {
      orderId,
      status: state.status,
      version,
      stationId: intake.stationId,
      villageId: intake.villageId,
      serviceCode: intake.serviceCode,
      category: intake.category,
      urgency: intake.urgency,
      claimSlaSeconds: Math.round(claimSlaMs(intake.claimSlaMinutes, intake.urgency, this.config.MATCHING_CLAIM_SLA_SECONDS) / 1000),
      round: state.round,
      claimedBy: state.claimedBy,
      claimedAt: state.claimedAt,
      backstopOverdueAt: state.backstopOverdueAt,
      withdrawnAt: state.withdrawnAt,
      rounds: rounds.map((evaluation) => ({ round: evaluation.round, evaluatedAt: new Date(evaluation.evaluatedAt).toISOString(), candidates: evaluation.candidates })),
      offers: state.offers.map((offer) => ({
        socialWorkerId: offer.socialWorkerId,
        round: offer.round,
        offeredAt: offer.offeredAt,
        expiresAt: offer.expiresAt,
        status: offerStatus(state, offer, now),
        declineReason: offer.declined?.reason ?? null,
      })),
      escalations: state.escalations,
      timeline: state.timeline,
    };
  }
}

/**
 * How many rounds have an evaluation to show: every round offered, and one more when the case
 * escalated — the evaluation that found nobody left to offer (none, when the rounds ran out
 * first: that read just finds nothing).
 */
function evaluatedRounds(state: MatchingCaseState): number {
  return state.round + (state.escalations.length > 0 ? 1 : 0);
}
