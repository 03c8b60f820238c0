import { APP_CONFIG } from '@lantern/config';
import { Provider } from '@nestjs/common';
import { NotificationsConfig } from '../notifications.config';
import { SubscriptionsByEventType } from './subscriptions-by-event-type';
import { WebhooksRepository } from './webhooks.repository';

/** One cache per replica, dropped whenever this replica changes a subscription. */
export const subscriptionsByEventTypeProvider: Provider = {
  provide: SubscriptionsByEventType,
  inject: [WebhooksRepository, APP_CONFIG],
  useFactory: (webhooks: WebhooksRepository, config: NotificationsConfig) => {
    const cache = new SubscriptionsByEventType(webhooks, config.WEBHOOK_SUBSCRIPTIONS_TTL_MS);
    webhooks.onSubscriptionChanged(() => cache.invalidate());
    return cache;
  },
};
