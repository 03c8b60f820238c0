// The walking skeleton's promise, measured: from a resident's POST /v1/orders returning 201 to
// the notification in their inbox — through the orders outbox, Kafka, the notifications
// consumer and its inbox. Both services run in-process, each with its own database; one order
// at a time, each by a resident of its own, so every inbox holds exactly the message awaited.
import { startTestService, tokenFor, uniqueName } from '@lantern/testing';
import { performance } from 'node:perf_hooks';
import { NotificationsModule } from '../services/notifications/src/notifications.module';
import { OrdersModule } from '../services/orders/src/orders.module';
import { BenchResources } from './lib/bench-infra';
import { Budget, measure } from './lib/measure';
import { BenchResult } from './lib/result';

const POLL_MS = 5;

export async function benchOrderToInbox(resources: BenchResources, budget: Budget): Promise<BenchResult> {
  const logLevel = process.env.LOG_LEVEL ?? 'error';
  const orders = await startTestService(OrdersModule, { service: 'orders', env: { SEED_DEMO_DATA: 'true', LOG_LEVEL: logLevel } });
  resources.dropLater(orders.database);
  resources.onClose('orders service (journey)', () => orders.stop());
  // A new consumer group that starts at the end of the topic: the orders other runs left on the
  // shared broker are not worked through first.
  const notifications = await startTestService(NotificationsModule, {
    service: 'notifications',
    env: { CONSUMER_GROUP: uniqueName('bench-notifications'), CONSUMER_START_FROM: 'latest', LOG_LEVEL: logLevel },
  });
  resources.dropLater(notifications.database);
  resources.onClose('notifications service (journey)', () => notifications.stop());

  const run = uniqueName('inbox');
  const stats = await measure(async (index) => {
    const token = await tokenFor({ sub: `res-${run}-${index < 0 ? `w${-index}` : index}`, roles: ['resident'] });
    const placed = await orders.http('POST', '/v1/orders', {
      token,
      body: { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre', urgency: 'normal' },
    });
    if (placed.status !== 201) throw new Error(`POST /v1/orders answered ${placed.status}`);
    const orderId = placed.body.id as string;
    const deadline = performance.now() + 10_000;
    for (;;) {
      const inbox = await notifications.http('GET', '/v1/inbox', { token });
      if ((inbox.body.items as { subject: string }[] | undefined)?.some((item) => item.subject === orderId)) return;
      if (performance.now() > deadline) throw new Error(`order ${orderId} not in the inbox after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }, budget);

  return {
    id: 'journey.order-to-inbox',
    label: 'POST /v1/orders → notification in the inbox',
    concurrency: budget.concurrency ?? 1,
    stats,
    extra: { pollMs: POLL_MS, note: 'includes the POST itself and up to one poll interval' },
  };
}
