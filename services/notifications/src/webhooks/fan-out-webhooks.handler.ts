import { CloudEvent } from '@lantern/contracts';
import { Deadlines } from '@lantern/deadlines';
import { Injectable } from '@nestjs/common';
import { deliveryId, deliveryKey } from '../delivery-outcomes/delivery-id';
import { SubscriptionsByEventType } from './subscriptions-by-event-type';
import { deliveryDay, WebhookDelivery } from './webhook-delivery.model';
import { mayReceiveConfidential } from './webhook-subscription.model';
import { WebhooksRepository } from './webhooks.repository';

export const WEBHOOK_ATTEMPT_DEADLINE = 'webhook-attempt';

export const webhookRecipient = (subscriptionId: string) => `webhook:${subscriptionId}`;

export interface WebhookAttemptPayload extends Record<string, unknown> {
  deliveryKey: string;
  attempt: number;
  /** The delivery's day bucket (deliveryDay), ISO; absent on attempts scheduled before the log had buckets (then today's). */
  day?: string;
}

/** Id of attempt n of a delivery: scheduling it twice (two replicas, a redelivery) keeps one. */
export const attemptDeadlineId = (key: string, attempt: number) => `${key}:attempt:${attempt}`;

/**
 * Queues an event for every subscription to its type. The HTTP call is not made here: the first
 * attempt is a deadline due now, so a slow receiver never holds up the partition and every
 * attempt — the first and the retries — goes through the same path.
 *
 * A disabled subscription gets its deliveries queued too: the attempt finds it disabled and
 * holds the delivery (pending in the log), and enabling it makes every held attempt. The attempt
 * is the one place that decides, so a concurrent enable is settled there (see
 * AttemptWebhookDeadlineHandler): whichever of the two comes second sees the other's write.
 */
@Injectable()
export class FanOutWebhooksHandler {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly subscriptions: SubscriptionsByEventType,
    private readonly deadlines: Deadlines,
  ) {}

  /**
   * `confidential`: the event is about an order of a confidential service (OrderPrivacy). Only
   * subscriptions an admin granted the orders:confidential scope get those; the others get no
   * delivery at all, not even a held one.
   */
  async execute(event: CloudEvent, confidential: boolean): Promise<void> {
    for (const subscription of await this.subscriptions.subscribedTo(event.type)) {
      if (confidential && !mayReceiveConfidential(subscription)) continue;
      const recipientId = webhookRecipient(subscription._id);
      const key = deliveryKey(event.id, recipientId, 'webhook');
      const now = new Date();
      const delivery: WebhookDelivery = {
        _id: key,
        deliveryId: deliveryId(event.id, recipientId, 'webhook'),
        subscriptionId: subscription._id,
        event,
        status: 'pending',
        attempts: [],
        createdAt: now,
        updatedAt: now,
      };
      await this.webhooks.addDelivery(delivery);
      // Scheduled even when the delivery already existed: a crash between the two writes
      // must not strand it, and the deadline id makes this idempotent.
      const payload: WebhookAttemptPayload = { deliveryKey: key, attempt: 1, day: deliveryDay(delivery).toISOString() };
      await this.deadlines.schedule({ id: attemptDeadlineId(key, 1), kind: WEBHOOK_ATTEMPT_DEADLINE, aggregateId: subscription._id, dueAt: now, payload });
    }
  }
}
