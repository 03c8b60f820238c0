import type { Logger } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Cause } from '../delivery-outcomes/cause';
import { deliveryId } from '../delivery-outcomes/delivery-id';
import { DeliveryEvents } from '../delivery-outcomes/delivery-events';
import { DeliveryLogRepository } from './delivery-log.repository';
import { ExternalChannel, Recipient } from '../recipients/recipient.model';
import { RenderedMessage } from '../templates/rendered-message';
import { NOTIFICATION_PROVIDERS, NotificationProvider, ProviderError } from '../channels/notification-provider';
import { RateLimiter } from '../channels/rate-limiter';

/**
 * Sends a message on the first of the recipient's external channels that works, in their
 * order: a channel that fails (gateway error, rate limit, no gateway) falls back to the next.
 * Each (event, recipient, channel) is claimed once in the delivery log and published as
 * delivered or failed. Addresses never reach a log line or an event.
 */
@Injectable()
export class DeliverExternalHandler {
  constructor(
    @Inject(NOTIFICATION_PROVIDERS) private readonly providers: NotificationProvider[],
    private readonly log: DeliveryLogRepository,
    private readonly events: DeliveryEvents,
    private readonly limiter: RateLimiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the channel that carried the message, or null when none did (or none is set). */
  async execute(cause: Cause, recipient: Recipient, message: RenderedMessage): Promise<ExternalChannel | null> {
    for (const channel of recipient.channelOrder) {
      const address = recipient[channel];
      if (!address) continue;
      const delivery = { cause, recipientId: recipient._id, channel };
      const claim = await this.log.claim(delivery);
      if (claim === 'failed') continue; // an earlier run already fell back past this channel
      if (claim !== 'claimed') return channel; // an earlier run sent it (or is sending it)
      const failure = await this.send(channel, address, message, deliveryId(cause.id, recipient._id, channel));
      if (!failure) {
        await this.log.settle(delivery, 'delivered');
        await this.events.delivered(delivery);
        return channel;
      }
      this.logger.warn({ channel, recipientId: recipient._id, causeEventId: cause.id, reason: failure }, 'channel failed; falling back');
      await this.log.settle(delivery, 'failed', failure);
      await this.events.failed(delivery, failure, 1);
    }
    return null;
  }

  private async send(channel: ExternalChannel, address: string, message: RenderedMessage, id: string) {
    const provider = this.providers.find((candidate) => candidate.channels.includes(channel));
    if (!provider) return 'no_provider' as const;
    if (!(await this.limiter.tryTake(channel, address))) return 'rate_limited' as const;
    try {
      await provider.send({ channel, address, message, deliveryId: id });
      return undefined;
    } catch (error) {
      return error instanceof ProviderError && error.reason !== 'no_provider' ? error.reason : ('provider_error' as const);
    }
  }
}
