import { LanternPlatformModule } from '@lantern/platform';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { Module } from '@nestjs/common';
import { matchingConfigSchema } from './matching.config';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';
import { CandidateEvaluationsRepository } from './matching/candidate-evaluations.repository';
import { MatchingCaseEffects } from './matching/matching-case.effects';
import { ClaimOrderHandler } from './matching/claim-order/claim-order.handler';
import { ClaimsHttpController } from './matching/claim-order/claims.http.controller';
import { ClaimSlaDeadlineHandler } from './matching/claim-sla/claim-sla.deadline-handler';
import { DeclineOfferHandler } from './matching/decline-offer/decline-offer.handler';
import { DeclineOfferHttpController } from './matching/decline-offer/decline-offer.http.controller';
import { MatchingCaseHttpController } from './matching/get-matching/matching-case.http.controller';
import { OffersHttpController } from './matching/list-offers/offers.http.controller';
import { WorkerOffersRepository } from './matching/worker-offers.repository';
import { MatchingCaseRepository } from './matching/matching-case.repository';
import { OfferRoundsPlanner } from './matching/offer-rounds.planner';
import { ReleaseClaimHandler } from './matching/release-claim/release-claim.handler';
import { ReleaseClaimMessageController } from './matching/release-claim/release-claim.message.controller';
import { StartMatchingHandler } from './matching/start-matching/start-matching.handler';
import { StartMatchingMessageController } from './matching/start-matching/start-matching.message.controller';
import { ReassignClaimHandler } from './matching/reassign-claim/reassign-claim.handler';
import { ReassignClaimHttpController } from './matching/reassign-claim/reassign-claim.http.controller';
import { SettleEscalationHandler } from './matching/settle-escalation/settle-escalation.handler';
import { SettleEscalationMessageController } from './matching/settle-escalation/settle-escalation.message.controller';
import { WithdrawMatchingHandler } from './matching/withdraw-matching/withdraw-matching.handler';
import { WithdrawMatchingMessageController } from './matching/withdraw-matching/withdraw-matching.message.controller';
import { WorkerDocumentsBackfill } from './matching/upgrade/worker-documents.backfill';
import { WorkloadRepository } from './matching/workload.repository';
import { SeedDemoClaims } from './demo/seed-demo-claims';
import { SeedDemoRoster } from './demo/seed-demo-roster';
import { FulfillersHttpController } from './roster/fulfillers/fulfillers.http.controller';
import { FulfillersRepository } from './roster/fulfillers/fulfillers.repository';
import { SocialWorkersHttpController } from './roster/social-workers/social-workers.http.controller';
import { SocialWorkersRepository } from './roster/social-workers/social-workers.repository';
import { KnownTeamsRepository } from './roster/known-teams.repository';
import { TeamCreatedMessageController } from './roster/volunteer-teams/team-created.message.controller';

export const MATCHING_SERVICE = {
  service: 'matching',
  description: 'Social-worker roster, fulfiller directory, offers, claims, claim-SLA timers and escalation.',
  // Most records it reads are orders' events it passes over, each a fetch of its own at 1 byte. Waiting at most
  // 100 ms for 64 KB keeps an offer within a tenth of a second of its order and the fetches few under load.
  defaults: { PORT: '3002', CONSUMER_FETCH_MIN_BYTES: '65536', CONSUMER_FETCH_MAX_WAIT_MS: '100' },
  configSchema: matchingConfigSchema,
};

@Module({
  imports: [LanternPlatformModule.forService(MATCHING_SERVICE)],
  controllers: [
    SocialWorkersHttpController,
    FulfillersHttpController,
    OffersHttpController,
    ClaimsHttpController,
    DeclineOfferHttpController,
    ReassignClaimHttpController,
    MatchingCaseHttpController,
    StartMatchingMessageController,
    WithdrawMatchingMessageController,
    SettleEscalationMessageController,
    ReleaseClaimMessageController,
    TeamCreatedMessageController,
    PrivacyRequestMessageController,
  ],
  providers: [
    SocialWorkersRepository,
    FulfillersRepository,
    KnownTeamsRepository,
    SeedDemoRoster,
    SeedDemoClaims,
    MatchingCaseRepository,
    CandidateEvaluationsRepository,
    WorkloadRepository,
    WorkerOffersRepository,
    OfferRoundsPlanner,
    MatchingCaseEffects,
    StartMatchingHandler,
    ClaimSlaDeadlineHandler,
    ClaimOrderHandler,
    DeclineOfferHandler,
    WithdrawMatchingHandler,
    SettleEscalationHandler,
    ReleaseClaimHandler,
    ReassignClaimHandler,
    WorkerDocumentsBackfill,
    AnswerPrivacyRequestHandler,
    { provide: PRIVACY_REQUEST_ANSWERER, useExisting: AnswerPrivacyRequestHandler },
  ],
})
export class MatchingModule {}

/** The demo history's seeder, for the end-to-end test that waits on it. */
export { SeedDemoClaims } from './demo/seed-demo-claims';
