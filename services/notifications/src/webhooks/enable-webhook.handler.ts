import { Deadlines } from '@lantern/deadlines';
import { Principal } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { attemptDeadlineId, WEBHOOK_ATTEMPT_DEADLINE, WebhookAttemptPayload } from './fan-out-webhooks.handler';
import { subscriptionFor } from './webhook-access';
import { WebhookSubscription } from './webhook-subscription.model';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Re-enables a subscription whose receiver its owner has fixed (or that they paused). The failure
 * streak starts from zero (deliveries finished before `enabledAt` no longer count), and every
 * pending delivery gets its next attempt now: the events held while it was disabled, and those
 * whose retry found it disabled. Nothing published in the meantime is lost.
 */
@Injectable()
export class EnableWebhookHandler {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deadlines: Deadlines,
  ) {}

  async execute(id: string, principal: Principal): Promise<WebhookSubscription> {
    const subscription = await subscriptionFor(this.webhooks, id, principal);
    if (subscription.status === 'active') return subscription; // idempotent: nothing to reset
    const now = new Date();
    await this.webhooks.enable(id, now);
    for (const delivery of await this.webhooks.pending(id)) {
      // The attempt that found the subscription disabled was skipped, not made: make it now. If
      // its deadline is still waiting (a backoff), scheduling the same id keeps that one.
      const payload: WebhookAttemptPayload = { deliveryKey: delivery._id, attempt: delivery.attempts.length + 1 };
      await this.deadlines.schedule({ id: attemptDeadlineId(delivery._id, payload.attempt), kind: WEBHOOK_ATTEMPT_DEADLINE, aggregateId: id, dueAt: now, payload });
    }
    return { ...subscription, status: 'active', disabledAt: null, disabledBecause: null, enabledAt: now };
  }
}
