import { LanternPlatformModule } from '@lantern/platform';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { Module } from '@nestjs/common';
import { BroadcastsHttpController } from './broadcasts/broadcasts.http.controller';
import { DeliverExternalHandler } from './channels/deliver-external.handler';
import { RateLimiter } from './channels/rate-limiter';
import { OutgoingHttpController } from './channels/outgoing.http.controller';
import { providerProviders } from './channels/providers';
import { DeliverInAppHandler } from './deliveries/deliver-in-app.handler';
import { DeliverToRecipientHandler } from './deliveries/deliver-to-recipient.handler';
import { DeliveryEvents } from './deliveries/delivery-events';
import { DeliveryLogRepository } from './deliveries/delivery-log.repository';
import { EventsMessageController } from './deliveries/events.message.controller';
import { NotifyHandler } from './deliveries/notify.handler';
import { ReleaseHeldDeadlineHandler } from './deliveries/release-held.deadline-handler';
import { GroupInboxHttpController } from './groups/group-inbox.http.controller';
import { GroupMembership } from './groups/group-membership';
import { StationVillagesRepository } from './groups/station-villages.repository';
import { InboxBackfill } from './inbox/inbox-backfill';
import { InboxStream } from './inbox/inbox-stream';
import { InboxStreamHttpController } from './inbox/inbox-stream.http.controller';
import { InboxHttpController } from './inbox/inbox.http.controller';
import { InboxRepository } from './inbox/inbox.repository';
import { notificationsConfigSchema } from './notifications.config';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';
import { PrivacyAnswersMessageController } from './privacy/collect-privacy-answers/privacy-answers.message.controller';
import { ExpirePrivacyRequestDeadlineHandler } from './privacy/expire-privacy-request.deadline-handler';
import { GetPrivacyRequestHandler } from './privacy/get-privacy-request/get-privacy-request.handler';
import { GetPrivacyRequestHttpController } from './privacy/get-privacy-request/get-privacy-request.http.controller';
import { PrivacyRequestsRepository } from './privacy/privacy-requests.repository';
import { RequestPrivacyHandler } from './privacy/request-privacy/request-privacy.handler';
import { RequestPrivacyHttpController } from './privacy/request-privacy/request-privacy.http.controller';
import { NotificationsRetention } from './retention/notifications-retention';
import { RecipientsHttpController } from './recipients/recipients.http.controller';
import { recipientPreferencesProvider } from './recipients/recipient-preferences.provider';
import { RecipientsRepository } from './recipients/recipients.repository';
import { OrderPartiesRepository } from './routing/order-parties.repository';
import { OrderPrivacy } from './routing/order-privacy';
import { StreamAuthGuard } from './stream-tickets/stream-auth.guard';
import { StreamTicketsHttpController } from './stream-tickets/stream-tickets.http.controller';
import { StreamTicketsRepository } from './stream-tickets/stream-tickets.repository';
import { TeamRostersRepository } from './teams/team-rosters.repository';
import { ActivityFactsRepository } from './activities/activity-facts.repository';
import { CampaignManagersRepository } from './campaigns/campaign-managers.repository';
import { EnableWebhookHandler } from './webhooks/enable-webhook.handler';
import { FanOutWebhooksHandler } from './webhooks/fan-out-webhooks.handler';
import { subscriptionsByEventTypeProvider } from './webhooks/subscriptions-by-event-type.provider';
import { webhookTargetPolicyProvider } from './webhooks/target/webhook-target-policy.provider';
import { WebhookAttemptDeadlineHandler } from './webhooks/webhook-attempt.deadline-handler';
import { WebhooksHttpController } from './webhooks/webhooks.http.controller';
import { WebhooksRepository } from './webhooks/webhooks.repository';

export const NOTIFICATIONS_SERVICE = {
  service: 'notifications',
  description: 'Tells the right person about every step: in-app inbox, real-time stream, webhooks, SMS and WeChat.',
  defaults: { PORT: '3005' },
  configSchema: notificationsConfigSchema,
};

@Module({
  imports: [LanternPlatformModule.forService(NOTIFICATIONS_SERVICE)],
  controllers: [
    InboxHttpController,
    InboxStreamHttpController,
    GroupInboxHttpController,
    StreamTicketsHttpController,
    RecipientsHttpController,
    WebhooksHttpController,
    BroadcastsHttpController,
    OutgoingHttpController,
    EventsMessageController,
    RequestPrivacyHttpController,
    GetPrivacyRequestHttpController,
    PrivacyAnswersMessageController,
    PrivacyRequestMessageController,
  ],
  providers: [
    InboxRepository,
    InboxBackfill,
    InboxStream,
    GroupMembership,
    StationVillagesRepository,
    TeamRostersRepository,
    ActivityFactsRepository,
    CampaignManagersRepository,
    StreamTicketsRepository,
    StreamAuthGuard,
    RecipientsRepository,
    recipientPreferencesProvider,
    OrderPartiesRepository,
    OrderPrivacy,
    DeliveryLogRepository,
    NotificationsRetention,
    DeliveryEvents,
    DeliverInAppHandler,
    DeliverExternalHandler,
    RateLimiter,
    DeliverToRecipientHandler,
    NotifyHandler,
    ReleaseHeldDeadlineHandler,
    WebhooksRepository,
    subscriptionsByEventTypeProvider,
    FanOutWebhooksHandler,
    WebhookAttemptDeadlineHandler,
    EnableWebhookHandler,
    webhookTargetPolicyProvider,
    ...providerProviders,
    PrivacyRequestsRepository,
    RequestPrivacyHandler,
    GetPrivacyRequestHandler,
    ExpirePrivacyRequestDeadlineHandler,
    AnswerPrivacyRequestHandler,
    { provide: PRIVACY_REQUEST_ANSWERER, useExisting: AnswerPrivacyRequestHandler },
  ],
})
export class NotificationsModule {}
