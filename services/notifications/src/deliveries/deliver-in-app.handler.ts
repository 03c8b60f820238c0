import { eventDay } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { InboxStream } from '../inbox/inbox-stream';
import { inboxMessageId, InboxRepository } from '../inbox/inbox.repository';
import { Locale } from '../templates/locale';
import { RenderedMessage } from '../templates/rendered-message';
import { Cause } from '../delivery-outcomes/cause';
import { DeliveryEvents } from '../delivery-outcomes/delivery-events';

export interface InAppDelivery {
  cause: Cause;
  recipientId: string;
  locale: Locale;
  message: RenderedMessage;
}

/**
 * Puts messages in recipients' inboxes and publishes each delivery as an event — a message
 * exactly once per (event, recipient), however often the cause is redelivered (its id is derived
 * from the cause), the event at least once under an id derived the same way. One event's
 * messages are stored together (InboxRepository.addAll: one command when none was there), and
 * their outcomes published together (one Kafka send).
 */
@Injectable()
export class DeliverInAppHandler {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly stream: InboxStream,
    private readonly events: DeliveryEvents,
  ) {}

  async execute(delivery: InAppDelivery): Promise<void> {
    await this.executeAll([delivery]);
  }

  /** Deliveries of one cause. */
  async executeAll(deliveries: InAppDelivery[]): Promise<void> {
    const createdAt = new Date();
    const added = await this.inbox.addAll(
      deliveries.map(({ cause, recipientId, locale, message }) => ({
        _id: inboxMessageId(cause.id, recipientId),
        recipientId,
        causeEventId: cause.id,
        causeEventType: cause.type,
        subject: cause.subject,
        locale,
        ...message,
        createdAt,
        readAt: null,
      })),
      // The generation of the cause's own time: every copy of the event stores in the same one.
      eventDay(deliveries[0]?.cause.time),
    );
    for (const { message, stored } of added) if (stored) this.stream.publish(message);
    // Published after the messages are stored, before the cause counts as handled (DeliveryEvents).
    await this.events.inApp(added.map(({ message, stored }, index) => ({ cause: deliveries[index].cause, recipientId: message.recipientId, deliveredAt: message.createdAt, again: !stored })));
  }
}
