import { Injectable } from '@nestjs/common';
import { InboxStream } from '../inbox/inbox-stream';
import { inboxMessageId, InboxRepository } from '../inbox/inbox.repository';
import { Locale } from '../templates/locale';
import { RenderedMessage } from '../templates/rendered-message';
import { Cause } from './cause';
import { DeliveryEvents } from './delivery-events';

export interface InAppDelivery {
  cause: Cause;
  recipientId: string;
  locale: Locale;
  message: RenderedMessage;
}

/**
 * Puts a message in a recipient's inbox and records the delivery as an event — each exactly
 * once per (event, recipient), however often the cause is redelivered: both writes are keyed
 * by ids derived from the cause.
 */
@Injectable()
export class DeliverInAppHandler {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly stream: InboxStream,
    private readonly events: DeliveryEvents,
  ) {}

  async execute({ cause, recipientId, locale, message }: InAppDelivery): Promise<void> {
    const stored = {
      _id: inboxMessageId(cause.id, recipientId),
      recipientId,
      causeEventId: cause.id,
      causeEventType: cause.type,
      subject: cause.subject,
      locale,
      ...message,
      createdAt: new Date(),
      readAt: null,
    };
    if (await this.inbox.add(stored)) this.stream.publish(stored);
    await this.events.delivered({ cause, recipientId, channel: 'in_app' });
  }
}
