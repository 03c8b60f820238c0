import { Deadlines } from '@lantern/deadlines';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { attemptDeadlineId, WEBHOOK_ATTEMPT_DEADLINE, WebhookAttemptPayload } from '../fan-out-webhooks.handler';
import { subscriptionFor } from '../webhook-access';
import { WebhookSubscription } from '../webhook-subscription.model';
import { WebhooksRepository } from '../webhooks.repository';

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
    for (const held of await this.webhooks.heldFor(id)) {
      // The attempt that found the subscription disabled was skipped, not made: make it now. A
      // delivery that has finished since (its letting go failed) finds nothing to do.
      const payload: WebhookAttemptPayload = { deliveryKey: held._id, attempt: held.attempt, ...(held.day ? { day: held.day.toISOString() } : {}) };
      await this.deadlines.schedule({ id: attemptDeadlineId(held._id, held.attempt), kind: WEBHOOK_ATTEMPT_DEADLINE, aggregateId: id, dueAt: now, payload });
    }
    return { ...subscription, status: 'active', disabledAt: null, disabledBecause: null, enabledAt: now };
  }
}
