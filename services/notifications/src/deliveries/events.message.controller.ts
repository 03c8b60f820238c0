import { ALL_EVENT_CONTRACTS, CloudEvent } from '@lantern/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { FanOutWebhooksHandler } from '../webhooks/fan-out-webhooks.handler';
import { NotifyHandler } from './notify.handler';

/**
 * Notifications react to every event type of every service: people hear about the ones in the
 * routing table, integrators about the ones they subscribed to. One handler for all types
 * (`@OnEvent` takes one contract; Nest's `@EventPattern` takes the list).
 */
@Controller()
export class EventsMessageController {
  constructor(
    private readonly notify: NotifyHandler,
    private readonly webhooks: FanOutWebhooksHandler,
  ) {}

  @EventPattern(ALL_EVENT_CONTRACTS.map((contract) => contract.type))
  async onEvent(event: CloudEvent): Promise<void> {
    await this.notify.execute(event);
    await this.webhooks.execute(event);
  }
}
