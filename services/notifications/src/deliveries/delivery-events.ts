import { EventData, NotificationDeliveredV1, NotificationFailedV1 } from '@lantern/contracts';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { deliveryId } from './delivery-id';

export interface DeliveryOutcome {
  /** `confidential`: the cause is about a confidential service's order (Cause). */
  cause: { id: string; type: string; confidential?: boolean };
  recipientId: string;
  channel: EventData<typeof NotificationDeliveredV1>['channel'];
}

/**
 * Publishes each delivery's outcome on lantern.notifications.events exactly once: the outcome
 * is the first event of a stream named by the delivery id, so a second writer collides.
 * Not for notifications about a confidential service's order: `recipientId` beside
 * `causeEventId` would link the resident to that order for every consumer of the topic.
 */
@Injectable()
export class DeliveryEvents {
  constructor(private readonly store: EventStore) {}

  async delivered({ cause, recipientId, channel }: DeliveryOutcome): Promise<void> {
    if (cause.confidential) return; // it would tell the topic who a confidential order is for
    const id = deliveryId(cause.id, recipientId, channel);
    await this.appendOnce(id, {
      type: NotificationDeliveredV1.type,
      data: { deliveryId: id, recipientId, channel, causeEventId: cause.id, causeEventType: cause.type, deliveredAt: new Date().toISOString() },
    });
  }

  async failed(
    { cause, recipientId, channel }: DeliveryOutcome,
    reason: EventData<typeof NotificationFailedV1>['reason'],
    attempts: number,
  ): Promise<void> {
    if (cause.confidential) return;
    const id = deliveryId(cause.id, recipientId, channel);
    await this.appendOnce(id, {
      type: NotificationFailedV1.type,
      data: { deliveryId: id, recipientId, channel, causeEventId: cause.id, causeEventType: cause.type, reason, attempts, failedAt: new Date().toISOString() },
    });
  }

  private async appendOnce(streamId: string, event: { type: string; data: Record<string, unknown> }): Promise<void> {
    try {
      // Nothing is ever appended after the outcome, so the stream needs no head.
      await this.store.append(streamId, 0, [event], { writeOnce: true });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // already published by an earlier run
    }
  }
}
