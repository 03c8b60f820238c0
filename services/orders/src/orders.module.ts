import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';
import { AuditTrail } from './audit/audit-trail';
import { AuditRetention } from './audit/audit-retention';
import { AuditHttpController } from './audit/query-audit/audit.http.controller';
import { QueryAuditHandler } from './audit/query-audit/query-audit.handler';
import { AuditProjector } from './audit/record-actions/audit.projector';
import { AddServiceHandler } from './catalogue/add-service/add-service.handler';
import { AddServiceHttpController } from './catalogue/add-service/add-service.http.controller';
import { LinkNeedsHandler } from './surveys/link-needs/link-needs.handler';
import { LinkNeedsHttpController } from './surveys/link-needs/link-needs.http.controller';
import { CatalogueHttpController } from './catalogue/catalogue.http.controller';
import { CatalogueRepository } from './catalogue/catalogue.repository';
import { ReinstateServiceHandler } from './catalogue/reinstate-service/reinstate-service.handler';
import { ReinstateServiceHttpController } from './catalogue/reinstate-service/reinstate-service.http.controller';
import { RetireServiceHandler } from './catalogue/retire-service/retire-service.handler';
import { RetireServiceHttpController } from './catalogue/retire-service/retire-service.http.controller';
import { SlaClock } from './catalogue/sla-clock';
import { DemoSurvey } from './demo/demo-survey';
import { SeedDemoHistory } from './demo/seed-demo-history';
import { SeedReferenceData } from './demo/seed-reference-data';
import { FulfillerDirectory } from './fulfillers/fulfiller-directory';
import { FulfillerChangedMessageController } from './fulfillers/replicate-directory/fulfiller-changed.message.controller';
import { ordersConfigSchema } from './orders.config';
import { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
import { CancelOrderHttpController } from './orders/cancel-order/cancel-order.http.controller';
import { CloseUnratedDeadlineHandler } from './orders/close-unrated/close-unrated.deadline-handler';
import { FeedbackClock } from './orders/feedback-clock';
import { TextsClock } from './orders/texts-clock';
import { ExpireTextsDeadlineHandler } from './orders/expire-texts/expire-texts.deadline-handler';
import { CloseFollowUpHandler } from './orders/close-follow-up/close-follow-up.handler';
import { CloseFollowUpHttpController } from './orders/close-follow-up/close-follow-up.http.controller';
import { CompleteOrderHandler } from './orders/complete-order/complete-order.handler';
import { CompleteOrderHttpController } from './orders/complete-order/complete-order.http.controller';
import { AuditedConfidentialReads } from './audit/record-reads/audited-confidential-reads';
import { CONFIDENTIAL_READ_LOG } from './orders/confidential-read-log';
import { GetOrderHttpController } from './orders/get-order/get-order.http.controller';
import { HandBackOrderHandler } from './orders/hand-back-order/hand-back-order.handler';
import { HandBackOrderHttpController } from './orders/hand-back-order/hand-back-order.http.controller';
import { GiveFeedbackHandler } from './orders/give-feedback/give-feedback.handler';
import { GiveFeedbackHttpController } from './orders/give-feedback/give-feedback.http.controller';
import { ListOrdersHttpController } from './orders/list-orders/list-orders.http.controller';
import { OrderViewProjector } from './orders/list-orders/order-view.projector';
import { OrderRepository } from './orders/order.repository';
import { FundedOrdersMessageController } from './orders/place-funded-orders/funded-orders.message.controller';
import { PlaceFundedOrdersHandler } from './orders/place-funded-orders/place-funded-orders.handler';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { PlaceOrderHttpController } from './orders/place-order/place-order.http.controller';
import { ReflectMatchingHandler } from './orders/reflect-matching/reflect-matching.handler';
import { ReflectMatchingMessageController } from './orders/reflect-matching/reflect-matching.message.controller';
import { RouteOrderHandler } from './orders/route-order/route-order.handler';
import { RouteOrderHttpController } from './orders/route-order/route-order.http.controller';
import { StartOrderHandler } from './orders/start-order/start-order.handler';
import { StartOrderHttpController } from './orders/start-order/start-order.http.controller';
import { GetReportHandler } from './reports/get-report/get-report.handler';
import { GetReportHttpController } from './reports/get-report/get-report.http.controller';
import { ReportProjection } from './reports/report-projection';
import { ReportProjector } from './reports/project-reports/report.projector';
import { RebuildReportsHandler } from './reports/rebuild-reports/rebuild-reports.handler';
import { RebuildReportsHttpController } from './reports/rebuild-reports/rebuild-reports.http.controller';
import { ReportStore } from './reports/report-store';
import { VolunteerReportProjector } from './reports/project-volunteers/volunteer-report.projector';
import { SetVillagePopulationHttpController } from './villages/set-population/set-village-population.http.controller';
import { VillagesHttpController } from './villages/villages.http.controller';
import { VillagesRepository } from './villages/villages.repository';
import { AnswerSurveyHandler } from './surveys/answer-survey/answer-survey.handler';
import { AnswerSurveyHttpController } from './surveys/answer-survey/answer-survey.http.controller';
import { ChangeSurveyStatusHandler } from './surveys/change-status/change-survey-status.handler';
import { ChangeSurveyStatusHttpController } from './surveys/change-status/change-survey-status.http.controller';
import { CreateSurveyHandler } from './surveys/create-survey/create-survey.handler';
import { CreateSurveyHttpController } from './surveys/create-survey/create-survey.http.controller';
import { GetSurveyHttpController } from './surveys/get-survey/get-survey.http.controller';
import { SurveyResultsHttpController } from './surveys/survey-results/survey-results.http.controller';
import { SurveyResultsProjector } from './surveys/survey-results/survey-results.projector';
import { SurveyResultStore } from './surveys/survey-results/survey-result.store';
import { SurveyRepository } from './surveys/survey.repository';
import { FulfilClock } from './orders/fulfil-clock';
import { FulfilSlaDeadlineHandler } from './orders/watch-fulfil/fulfil-sla.deadline-handler';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';
import { FollowUpClock } from './orders/follow-up-clock';
import { FollowUpOverdueDeadlineHandler } from './orders/watch-follow-up/follow-up-overdue.deadline-handler';
import { StationsHttpController } from './stations/stations.http.controller';
import { StationsRepository } from './stations/stations.repository';

export const ORDERS_SERVICE = {
  service: 'orders',
  description: 'Service menu, stations, and the orders residents place — their lifecycle and feedback.',
  defaults: { PORT: '3001' },
  configSchema: ordersConfigSchema,
};

@Module({
  imports: [LanternPlatformModule.forService(ORDERS_SERVICE)],
  controllers: [
    CatalogueHttpController,
    AddServiceHttpController,
    RetireServiceHttpController,
    ReinstateServiceHttpController,
    StationsHttpController,
    PlaceOrderHttpController,
    ListOrdersHttpController,
    GetOrderHttpController,
    CancelOrderHttpController,
    RouteOrderHttpController,
    HandBackOrderHttpController,
    StartOrderHttpController,
    CompleteOrderHttpController,
    GiveFeedbackHttpController,
    CloseFollowUpHttpController,
    OrderViewProjector,
    ReflectMatchingMessageController,
    FundedOrdersMessageController,
    GetReportHttpController,
    RebuildReportsHttpController,
    ReportProjector,
    VolunteerReportProjector,
    VillagesHttpController,
    SetVillagePopulationHttpController,
    CreateSurveyHttpController,
    ChangeSurveyStatusHttpController,
    GetSurveyHttpController,
    AnswerSurveyHttpController,
    SurveyResultsHttpController,
    SurveyResultsProjector,
    LinkNeedsHttpController,
    FulfillerChangedMessageController,
    PrivacyRequestMessageController,
    AuditHttpController,
    AuditProjector,
  ],
  providers: [
    CatalogueRepository,
    AddServiceHandler,
    RetireServiceHandler,
    ReinstateServiceHandler,
    SlaClock,
    StationsRepository,
    FulfillerDirectory,
    OrderRepository,
    { provide: CONFIDENTIAL_READ_LOG, useClass: AuditedConfidentialReads },
    PlaceOrderHandler,
    CancelOrderHandler,
    RouteOrderHandler,
    HandBackOrderHandler,
    StartOrderHandler,
    CompleteOrderHandler,
    GiveFeedbackHandler,
    CloseUnratedDeadlineHandler,
    FeedbackClock,
    TextsClock,
    ExpireTextsDeadlineHandler,
    FulfilClock,
    FollowUpClock,
    FollowUpOverdueDeadlineHandler,
    CloseFollowUpHandler,
    FulfilSlaDeadlineHandler,
    ReflectMatchingHandler,
    PlaceFundedOrdersHandler,
    SeedReferenceData,
    SeedDemoHistory,
    DemoSurvey,
    ReportStore,
    ReportProjection,
    GetReportHandler,
    RebuildReportsHandler,
    VillagesRepository,
    SurveyRepository,
    SurveyResultStore,
    CreateSurveyHandler,
    ChangeSurveyStatusHandler,
    AnswerSurveyHandler,
    LinkNeedsHandler,
    AnswerPrivacyRequestHandler,
    { provide: PRIVACY_REQUEST_ANSWERER, useExisting: AnswerPrivacyRequestHandler },
    AuditTrail,
    AuditRetention,
    QueryAuditHandler,
  ],
})
export class OrdersModule {}

/** The demo history's seeder, for the end-to-end test that waits on it. */
export { SeedDemoHistory } from './demo/seed-demo-history';
