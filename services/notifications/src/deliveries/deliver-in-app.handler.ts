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
 * Puts a message in a recipient's inbox and publishes the delivery as an event — the message
 * exactly once per (event, recipient), however often the cause is redelivered (its id is derived
 * from the cause), the event at least once under an id derived the same way.
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
    const added = await this.inbox.add(stored);
    if (added.stored) this.stream.publish(added.message);
    // Published after the message is stored, before the cause counts as handled (DeliveryEvents).
    await this.events.inApp({ cause, recipientId }, added.message.createdAt, !added.stored);
  }
}
