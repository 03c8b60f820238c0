import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';
import { DeliverInAppHandler } from './deliveries/deliver-in-app.handler';
import { OrderEventsMessageController } from './deliveries/order-events.message.controller';
import { InboxHttpController } from './inbox/inbox.http.controller';
import { InboxRepository } from './inbox/inbox.repository';

export const NOTIFICATIONS_SERVICE = {
  service: 'notifications',
  description: 'Tells the right person about every step: in-app inbox, real-time stream, webhooks, SMS and WeChat.',
  defaults: { PORT: '3005' },
};

@Module({
  imports: [LanternPlatformModule.forService(NOTIFICATIONS_SERVICE)],
  controllers: [InboxHttpController, OrderEventsMessageController],
  providers: [InboxRepository, DeliverInAppHandler],
})
export class NotificationsModule {}
