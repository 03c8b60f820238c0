import { CloudEvent, NotificationDeliveredV1 } from '@lantern/contracts';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { inboxMessageId, InboxRepository } from '../inbox/inbox.repository';
import { Locale } from '../templates/locale';
import { RenderedMessage } from '../templates/rendered-message';

export interface InAppDelivery {
  cause: CloudEvent;
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
    private readonly store: EventStore,
  ) {}

  async execute({ cause, recipientId, locale, message }: InAppDelivery): Promise<void> {
    const id = inboxMessageId(cause.id, recipientId);
    await this.inbox.add({
      _id: id,
      recipientId,
      causeEventId: cause.id,
      causeEventType: cause.type,
      subject: cause.subject,
      locale,
      ...message,
      createdAt: new Date(),
      readAt: null,
    });
    try {
      await this.store.append(`delivery_${id.slice(4)}_in_app`, 0, [
        {
          type: NotificationDeliveredV1.type,
          data: {
            deliveryId: `${id}:in_app`,
            recipientId,
            channel: 'in_app',
            causeEventId: cause.id,
            causeEventType: cause.type,
            deliveredAt: new Date().toISOString(),
          },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // already recorded by an earlier delivery
    }
  }
}
