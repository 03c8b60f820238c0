import { WebhookSubscription } from './webhook-subscription.model';

/** Where the live subscriptions come from: one read of them all (a small collection). */
export interface LiveSubscriptionsSource {
  liveSubscriptions(): Promise<WebhookSubscription[]>;
}

type ByEventType = ReadonlyMap<string, readonly WebhookSubscription[]>;

/**
 * Which subscriptions want each event type, kept in memory. Every consumed event asks, and on
 * FerretDB asking the database is a scan of `webhook_subscriptions`; subscriptions change a few
 * times a day. So the answer is loaded on demand — an idle service reads nothing — and trusted
 * for `ttlMs`:
 * - a change made through this replica (create, disable, enable, delete) drops it at once, so
 *   the next event here sees the change;
 * - a change made through another replica is seen here within `ttlMs` at the latest. Meanwhile
 *   a new subscription misses the events this replica fans out, and a deleted one may still get
 *   deliveries queued (its attempts send nothing: they read the subscription itself by `_id`).
 * A load that was under way when the answer was dropped is not kept: it may predate the change.
 */
export class SubscriptionsByEventType {
  private current?: { loadedAt: number; byType: ByEventType };
  private loading?: { generation: number; promise: Promise<ByEventType> };
  private generation = 0;

  constructor(
    private readonly source: LiveSubscriptionsSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Active and disabled subscriptions to this type: a disabled one still has its events held for it. */
  async subscribedTo(eventType: string): Promise<readonly WebhookSubscription[]> {
    return (await this.byType()).get(eventType) ?? [];
  }

  /** Forget the answer: this replica just changed a subscription. */
  invalidate(): void {
    this.generation += 1;
    this.current = undefined;
    this.loading = undefined;
  }

  private byType(): Promise<ByEventType> {
    if (this.current && this.now() - this.current.loadedAt < this.ttlMs) return Promise.resolve(this.current.byType);
    // Events handled side by side share one load.
    if (this.loading?.generation === this.generation) return this.loading.promise;
    const generation = this.generation;
    const promise = this.load(generation);
    this.loading = { generation, promise };
    return promise;
  }

  private async load(generation: number): Promise<ByEventType> {
    const startedAt = this.now();
    try {
      const byType = groupByEventType(await this.source.liveSubscriptions());
      // Kept only if nothing changed while it was read; either way, the caller gets what was read.
      if (generation === this.generation) this.current = { loadedAt: startedAt, byType };
      return byType;
    } finally {
      if (this.loading?.generation === generation) this.loading = undefined;
    }
  }
}

function groupByEventType(subscriptions: WebhookSubscription[]): ByEventType {
  const byType = new Map<string, WebhookSubscription[]>();
  for (const subscription of subscriptions) {
    for (const type of subscription.eventTypes) byType.set(type, [...(byType.get(type) ?? []), subscription]);
  }
  return byType;
}
