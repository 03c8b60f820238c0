import type { DeadlinePoller } from '@lantern/deadlines';
import { liveGauge } from '@lantern/telemetry';
import { Counter, register } from 'prom-client';
import { WEBHOOK_ATTEMPT_DEADLINE } from './fan-out-webhooks.handler';

const pending = liveGauge('lantern_webhook_deliveries_pending', 'Webhook deliveries waiting for their next attempt (first or retry) in this replica', []);

const attempts =
  (register.getSingleMetric('lantern_webhook_attempts_total') as Counter | undefined) ??
  new Counter({
    name: 'lantern_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry (failed, another attempt follows), failed (the last attempt failed)',
    labelNames: ['outcome'],
  });

const disabled =
  (register.getSingleMetric('lantern_webhook_subscriptions_disabled_total') as Counter | undefined) ??
  new Counter({ name: 'lantern_webhook_subscriptions_disabled_total', help: 'Webhook subscriptions disabled after failing in a row' });

/** Every attempt's outcome is counted; the delivery is pending while its attempt deadline is. */
export const webhookMetrics = {
  /** Reports pending deliveries from the poller's memory; returns the function that stops it. */
  trackPending: (poller: DeadlinePoller) => pending.track((set) => set({}, poller.timers().get(WEBHOOK_ATTEMPT_DEADLINE)?.pending ?? 0)),
  attempted: (outcome: 'delivered' | 'retry' | 'failed') => attempts.inc({ outcome }),
  disabled: () => disabled.inc(),
};
