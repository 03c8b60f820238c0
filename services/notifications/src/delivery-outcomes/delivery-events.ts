import { CloudEvent, EventData, NotificationDeliveredV1, NotificationFailedV1, validateEventData } from '@lantern/contracts';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { currentContext } from '@lantern/logging';
import { EventPublisher } from '@lantern/messaging';
import { currentTraceHeaders } from '@lantern/telemetry';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { deliveryId } from './delivery-id';

export interface DeliveryOutcome {
  /** `confidential`: the cause is about a confidential service's order (Cause). */
  cause: { id: string; type: string; confidential?: boolean };
  recipientId: string;
  channel: EventData<typeof NotificationDeliveredV1>['channel'];
}

/** An in-app delivery whose message is stored: `again` when it was stored by an earlier handling. */
export interface InAppOutcome extends Omit<DeliveryOutcome, 'channel'> {
  deliveredAt: Date;
  again: boolean;
}

/** The CloudEvent id of a delivery's outcome: the same for every replica and every redelivery (a UUID in form). */
export const outcomeEventId = (delivery: string) => {
  const hex = createHash('sha256').update(`${delivery}:1`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Publishes each delivery's outcome on lantern.notifications.events, as the first (and only)
 * event of the delivery's stream (`subject` = the delivery id, `version` 1).
 *
 * - In-app deliveries (`inApp`): published straight from the handler of the event that caused
 *   them, after the inbox message is stored, under an id derived from the delivery — no stored
 *   event, no outbox marker (three database commands per message saved). Until Kafka has it, the
 *   cause is not handled: a crash or a failed send leaves it to be handled again, which finds the
 *   message stored and publishes the same event (same id, same data) again. Consumers dedupe on
 *   the id, as they do for the outbox's at-least-once copies.
 * - External and webhook deliveries: their outcome follows a send recorded in the delivery log
 *   (a redelivery finds the log and sends nothing, so it could not publish again either): stored
 *   in the event store, which the outbox publishes; a second writer collides.
 *
 * Not for notifications about a confidential service's order: `recipientId` beside
 * `causeEventId` would link the resident to that order for every consumer of the topic.
 */
@Injectable()
export class DeliveryEvents {
  constructor(
    private readonly store: EventStore,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * The outcomes of one cause's in-app deliveries, in one send: a cause that tells several people
   * (an offer to each social worker of a station) costs one Kafka request, not one per person.
   * `deliveredAt`: when the message was stored (the first time), so a copy published again says
   * the same. `again`: the message was stored before — by this version, which published its
   * outcome (or is being retried for it), or by the version before, which stored the outcome in
   * the event store and published it from there (then it is not published a second time).
   */
  async inApp(deliveries: InAppOutcome[]): Promise<void> {
    const events: CloudEvent[] = [];
    for (const delivery of deliveries) {
      const event = await this.inAppEvent(delivery);
      if (event) events.push(event);
    }
    if (events.length > 0) await this.publisher.publish(NotificationDeliveredV1.topic, events);
  }

  private async inAppEvent({ cause, recipientId, deliveredAt, again }: InAppOutcome): Promise<CloudEvent | undefined> {
    if (cause.confidential) return undefined; // it would tell the topic who a confidential order is for
    const id = deliveryId(cause.id, recipientId, 'in_app');
    if (again && (await this.store.has(id, 1))) return undefined;
    const context = currentContext();
    const trace = currentTraceHeaders();
    const data = { deliveryId: id, version: 1, recipientId, channel: 'in_app', causeEventId: cause.id, causeEventType: cause.type, deliveredAt: deliveredAt.toISOString() };
    return {
      specversion: '1.0',
      id: outcomeEventId(id),
      type: NotificationDeliveredV1.type,
      source: NotificationDeliveredV1.source,
      subject: id,
      time: deliveredAt.toISOString(),
      datacontenttype: 'application/json',
      data: validateEventData(NotificationDeliveredV1.type, data),
      correlationid: context?.correlationId,
      causationid: context?.causationId,
      traceparent: trace.traceparent,
      tracestate: trace.tracestate,
    };
  }

  async delivered({ cause, recipientId, channel }: DeliveryOutcome): Promise<void> {
    if (cause.confidential) return;
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
