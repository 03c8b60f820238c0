import { LanternPlatformModule } from '@lantern/platform';
import { PRIVACY_REQUEST_ANSWERER, PrivacyRequestMessageController } from '@lantern/privacy';
import { Module } from '@nestjs/common';
import { SendBroadcastHttpController } from './broadcasts/send-broadcast/send-broadcast.http.controller';
import { DeliverExternalHandler } from './deliveries/deliver-external.handler';
import { RateLimiter } from './channels/rate-limiter';
import { ListOutgoingHttpController } from './channels/list-outgoing/list-outgoing.http.controller';
import { providerProviders } from './channels/providers';
import { DeliverInAppHandler } from './deliveries/deliver-in-app.handler';
import { DeliverToRecipientHandler } from './deliveries/deliver-to-recipient.handler';
import { DeliveryEvents } from './delivery-outcomes/delivery-events';
import { DeliveryLogRepository } from './deliveries/delivery-log.repository';
import { NotifyMessageController } from './deliveries/notify/notify.message.controller';
import { NotifyHandler } from './deliveries/notify/notify.handler';
import { ReleaseHeldDeadlineHandler } from './deliveries/release-held/release-held.deadline-handler';
import { ReadGroupInboxesHttpController } from './inbox/read-group-inboxes/read-group-inboxes.http.controller';
import { GroupMembership } from './groups/group-membership';
import { StationVillagesRepository } from './groups/station-villages.repository';
import { InboxBackfill } from './inbox/inbox-backfill';
import { InboxStream } from './inbox/inbox-stream';
import { StreamInboxHttpController } from './inbox/stream-inbox/stream-inbox.http.controller';
import { ListInboxHttpController } from './inbox/list-inbox/list-inbox.http.controller';
import { MarkReadHttpController } from './inbox/mark-read/mark-read.http.controller';
import { InboxRepository } from './inbox/inbox.repository';
import { notificationsConfigSchema } from './notifications.config';
import { AnswerPrivacyRequestHandler } from './privacy/answer-privacy-request/answer-privacy-request.handler';
import { CollectPrivacyAnswersMessageController } from './privacy/collect-privacy-answers/collect-privacy-answers.message.controller';
import { ExpirePrivacyRequestDeadlineHandler } from './privacy/expire-privacy-request.deadline-handler';
import { GetPrivacyRequestHandler } from './privacy/get-privacy-request/get-privacy-request.handler';
import { GetPrivacyRequestHttpController } from './privacy/get-privacy-request/get-privacy-request.http.controller';
import { PrivacyRequestsRepository } from './privacy/privacy-requests.repository';
import { RequestPrivacyHandler } from './privacy/request-privacy/request-privacy.handler';
import { RequestPrivacyHttpController } from './privacy/request-privacy/request-privacy.http.controller';
import { NotificationsRetention } from './retention/notifications-retention';
import { GetPreferencesHttpController } from './recipients/get-preferences/get-preferences.http.controller';
import { SavePreferencesHttpController } from './recipients/save-preferences/save-preferences.http.controller';
import { recipientPreferencesProvider } from './recipients/recipient-preferences.provider';
import { RecipientsRepository } from './recipients/recipients.repository';
import { OrderPartiesRepository } from './routing/order-parties.repository';
import { OrderPrivacy } from './routing/order-privacy';
import { StreamAuthGuard } from './stream-tickets/stream-auth.guard';
import { IssueStreamTicketHttpController } from './stream-tickets/issue-stream-ticket/issue-stream-ticket.http.controller';
import { StreamTicketsRepository } from './stream-tickets/stream-tickets.repository';
import { TeamRostersRepository } from './teams/team-rosters.repository';
import { ActivityFactsRepository } from './activities/activity-facts.repository';
import { CampaignManagersRepository } from './campaigns/campaign-managers.repository';
import { EnableWebhookHandler } from './webhooks/enable-webhook/enable-webhook.handler';
import { FanOutWebhooksHandler } from './webhooks/fan-out-webhooks.handler';
import { subscriptionsByEventTypeProvider } from './webhooks/subscriptions-by-event-type.provider';
import { webhookTargetPolicyProvider } from './webhooks/webhook-target-policy.provider';
import { AttemptWebhookDeadlineHandler } from './webhooks/attempt-webhook.deadline-handler';
import { CreateWebhookHandler } from './webhooks/create-webhook/create-webhook.handler';
import { CreateWebhookHttpController } from './webhooks/create-webhook/create-webhook.http.controller';
import { DeleteWebhookHttpController } from './webhooks/delete-webhook/delete-webhook.http.controller';
import { DisableWebhookHttpController } from './webhooks/disable-webhook/disable-webhook.http.controller';
import { EnableWebhookHttpController } from './webhooks/enable-webhook/enable-webhook.http.controller';
import { GrantScopesHttpController } from './webhooks/grant-scopes/grant-scopes.http.controller';
import { ListDeliveriesHttpController } from './webhooks/list-deliveries/list-deliveries.http.controller';
import { ListWebhooksHttpController } from './webhooks/list-webhooks/list-webhooks.http.controller';
import { WebhooksRepository } from './webhooks/webhooks.repository';

export const NOTIFICATIONS_SERVICE = {
  service: 'notifications',
  description: 'Tells the right person about every step: in-app inbox, real-time stream, webhooks, SMS and WeChat.',
  // Nobody waits on it within a tenth of a second, and one fetch per record cost it a fetch and an offset commit
  // each. An offer fetched with its order's placement waits for it (OrderPrivacy), not for the retry topic.
  defaults: { PORT: '3005', CONSUMER_FETCH_MIN_BYTES: '65536', CONSUMER_FETCH_MAX_WAIT_MS: '100' },
  configSchema: notificationsConfigSchema,
};

@Module({
  imports: [LanternPlatformModule.forService(NOTIFICATIONS_SERVICE)],
  controllers: [
    ListInboxHttpController,
    MarkReadHttpController,
    StreamInboxHttpController,
    ReadGroupInboxesHttpController,
    IssueStreamTicketHttpController,
    GetPreferencesHttpController,
    SavePreferencesHttpController,
    CreateWebhookHttpController,
    ListWebhooksHttpController,
    ListDeliveriesHttpController,
    EnableWebhookHttpController,
    DisableWebhookHttpController,
    GrantScopesHttpController,
    DeleteWebhookHttpController,
    SendBroadcastHttpController,
    ListOutgoingHttpController,
    NotifyMessageController,
    RequestPrivacyHttpController,
    GetPrivacyRequestHttpController,
    CollectPrivacyAnswersMessageController,
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
    AttemptWebhookDeadlineHandler,
    CreateWebhookHandler,
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
