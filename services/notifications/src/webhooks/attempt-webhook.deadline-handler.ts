import { NOTIFICATION_CONTRACTS, WebhookSubscriptionDisabledV1 } from '@lantern/contracts';
import { APP_CONFIG } from '@lantern/config';
import { Deadline, DeadlinePoller, Deadlines } from '@lantern/deadlines';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import type { Logger } from '@lantern/logging';
import { newCorrelationId, runWithContext } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DeliveryEvents, DeliveryOutcome } from '../delivery-outcomes/delivery-events';
import { NotificationsConfig } from '../notifications.config';
import { attemptDeadlineId, WEBHOOK_ATTEMPT_DEADLINE, WebhookAttemptPayload, webhookRecipient } from './fan-out-webhooks.handler';
import { WebhookTargetPolicy } from './webhook-target-policy';
import { deliveryDay, WebhookDelivery } from './webhook-delivery.model';
import { webhookMetrics } from './webhook-metrics';
import { isSuccess, postWebhook } from './webhook-sender';
import { isDeleted, WebhookSubscription } from './webhook-subscription.model';
import { WebhooksRepository } from './webhooks.repository';

// Deliveries of our own delivery events are logged but not announced again: announcing them
// would be an event that a subscriber to that type gets delivered, and so on for ever.
const SELF_EVENTS = new Set(NOTIFICATION_CONTRACTS.map((contract) => contract.type));

/**
 * Makes one attempt of a webhook delivery and decides what follows: done, a retry after an
 * exponential backoff (a deadline), or failed — and after enough failures in a row, the
 * subscription is disabled and its owner told (through the event it publishes).
 */
@Injectable()
export class AttemptWebhookDeadlineHandler implements OnModuleInit, OnModuleDestroy {
  private untrackPending?: () => void;

  constructor(
    private readonly poller: DeadlinePoller,
    private readonly deadlines: Deadlines,
    private readonly webhooks: WebhooksRepository,
    private readonly events: DeliveryEvents,
    private readonly store: EventStore,
    private readonly targets: WebhookTargetPolicy,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.poller.register(WEBHOOK_ATTEMPT_DEADLINE, (deadline) => this.onDeadline(deadline));
    this.untrackPending = webhookMetrics.trackPending(this.poller);
  }

  onModuleDestroy(): void {
    this.untrackPending?.();
  }

  private async onDeadline(deadline: Deadline): Promise<void> {
    const { deliveryKey, attempt, day } = deadline.payload as WebhookAttemptPayload;
    const delivery = await this.webhooks.findDelivery(deliveryKey, day ? new Date(day) : new Date());
    if (!delivery || delivery.status !== 'pending') return;
    // Attempt n was made already: the event was handled again (a redelivery) and scheduled it anew.
    if (delivery.attempts.some((made) => made.attempt >= attempt)) return;
    const context = { correlationId: delivery.event.correlationid ?? newCorrelationId(), causationId: delivery.event.id };
    await runWithContext(context, () => this.attempt(delivery, attempt));
  }

  private async attempt(delivery: WebhookDelivery, attempt: number): Promise<void> {
    const subscription = await this.activeSubscription(delivery, attempt);
    if (!subscription) return;
    const result = await postWebhook(subscription, delivery.event, { deliveryId: delivery.deliveryId, attempt }, { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, policy: this.targets });
    const outcome: DeliveryOutcome = { cause: delivery.event, recipientId: webhookRecipient(subscription._id), channel: 'webhook' };
    const announce = !SELF_EVENTS.has(delivery.event.type);
    if (isSuccess(result)) {
      webhookMetrics.attempted('delivered');
      await this.webhooks.recordAttempt(delivery, result, 'delivered');
      if (delivery.held) await this.webhooks.letGo(delivery._id);
      if (announce) await this.events.delivered(outcome);
      return;
    }
    // The URL is the integrator's and may carry tokens: log the subscription id, never the URL.
    this.logger.warn({ subscriptionId: subscription._id, attempt, statusCode: result.statusCode, error: result.error }, 'webhook attempt failed');
    if (attempt < this.config.WEBHOOK_MAX_ATTEMPTS) {
      webhookMetrics.attempted('retry');
      await this.webhooks.recordAttempt(delivery, result);
      const backoffMs = this.config.WEBHOOK_BACKOFF_BASE_MS * 2 ** (attempt - 1);
      const payload: WebhookAttemptPayload = { deliveryKey: delivery._id, attempt: attempt + 1, day: deliveryDay(delivery).toISOString() };
      await this.deadlines.schedule({
        id: attemptDeadlineId(delivery._id, attempt + 1),
        kind: WEBHOOK_ATTEMPT_DEADLINE,
        aggregateId: subscription._id,
        dueAt: new Date(Date.now() + backoffMs),
        payload,
      });
      return;
    }
    webhookMetrics.attempted('failed');
    await this.webhooks.recordAttempt(delivery, result, 'failed');
    if (delivery.held) await this.webhooks.letGo(delivery._id);
    // The event's reasons are coarse and versioned: a refused address is one the receiver could not be reached at.
    if (announce) await this.events.failed(outcome, result.error === 'forbidden_address' ? 'unreachable' : (result.error ?? 'http_error'), attempt);
    await this.disableIfFailingInARow(subscription);
  }

  /**
   * The subscription to send to, or null. Deleted: never sent. Disabled: the delivery is held
   * (pending in the log) for when it is enabled. Holding, then looking at the status again, closes
   * the race with an enable that flips the status and then reads what is held: whichever of the
   * two comes second sees the other's write, so the attempt is made by one of them at least (and
   * at most once: an attempt already made is not made again).
   */
  private async activeSubscription(delivery: WebhookDelivery, attempt: number): Promise<WebhookSubscription | null> {
    const subscription = await this.webhooks.findSubscription(delivery.subscriptionId);
    if (!subscription || isDeleted(subscription)) return null;
    if (subscription.status === 'active') return subscription;
    await this.webhooks.hold(delivery, attempt, new Date());
    delivery.held = true;
    const now = await this.webhooks.findSubscription(delivery.subscriptionId);
    return now && now.status === 'active' && !isDeleted(now) ? now : null;
  }

  private async disableIfFailingInARow(subscription: WebhookSubscription): Promise<void> {
    const threshold = this.config.WEBHOOK_DISABLE_AFTER_FAILURES;
    // Failures before the owner last re-enabled it were dealt with: the streak starts there.
    const outcomes = await this.webhooks.latestOutcomes(subscription._id, threshold, subscription.enabledAt ?? null);
    if (outcomes.length < threshold || outcomes.some((status) => status !== 'failed')) return;
    const now = new Date();
    await this.webhooks.disable(subscription._id, now, 'failures');
    webhookMetrics.disabled();
    this.logger.warn({ subscriptionId: subscription._id, failures: threshold }, 'webhook subscription disabled');
    await this.announceDisabled(subscription, threshold, now);
  }

  /**
   * The subscription's stream holds one event per time it was disabled. One appended after the
   * latest re-enable already told the owner about this time; otherwise the next version is
   * appended, and a replica racing to announce the same time collides on it.
   */
  private async announceDisabled(subscription: WebhookSubscription, failures: number, at: Date): Promise<void> {
    const announced = await this.store.load(subscription._id);
    const latest = announced[announced.length - 1];
    if (latest && (!subscription.enabledAt || latest.time > subscription.enabledAt)) return;
    try {
      await this.store.append(subscription._id, announced.length, [
        {
          type: WebhookSubscriptionDisabledV1.type,
          data: { subscriptionId: subscription._id, ownerId: subscription.ownerId, consecutiveFailures: failures, disabledAt: at.toISOString() },
        },
      ]);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
}
