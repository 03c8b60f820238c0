import { SubscriptionsByEventType } from './subscriptions-by-event-type';
import { WebhookSubscription } from './webhook-subscription.model';

const PLACED = 'lantern.order.placed.v1';
const CLOSED = 'lantern.order.closed.v1';

const subscription = (id: string, eventTypes: string[]): WebhookSubscription => ({
  _id: id,
  ownerId: 'integrator-1',
  url: 'http://127.0.0.1:9/hook',
  secret: 'whsec_0123456789abcdef',
  eventTypes,
  status: 'active',
  createdAt: new Date(0),
  disabledAt: null,
});

/** A store of subscriptions that counts its reads; `gate` holds the next read until it opens. */
function source(initial: WebhookSubscription[]) {
  const store = {
    stored: [...initial],
    reads: 0,
    gate: undefined as Promise<void> | undefined,
    async liveSubscriptions() {
      store.reads += 1;
      const snapshot = [...store.stored];
      const gate = store.gate;
      store.gate = undefined;
      await gate;
      return snapshot;
    },
  };
  return store;
}

describe('subscriptions by event type, in memory', () => {
  it('reads nothing until an event asks, then once per TTL however many events ask', async () => {
    let now = 1_000;
    const store = source([subscription('whs_a', [PLACED])]);
    const cache = new SubscriptionsByEventType(store, 5_000, () => now);
    expect(store.reads).toBe(0);

    const answers = await Promise.all([cache.subscribedTo(PLACED), cache.subscribedTo(PLACED), cache.subscribedTo(CLOSED)]);
    expect(answers.map((subscriptions) => subscriptions.map((one) => one._id))).toEqual([['whs_a'], ['whs_a'], []]);
    now += 4_999;
    await cache.subscribedTo(PLACED);
    expect(store.reads).toBe(1);
  });

  it('sees another replica’s new subscription once the TTL has passed, and its own change at once', async () => {
    let now = 0;
    const store = source([]);
    const cache = new SubscriptionsByEventType(store, 5_000, () => now);
    expect(await cache.subscribedTo(PLACED)).toEqual([]);

    store.stored.push(subscription('whs_elsewhere', [PLACED]));
    now = 4_000;
    expect(await cache.subscribedTo(PLACED)).toEqual([]); // within the documented window
    now = 5_000;
    expect((await cache.subscribedTo(PLACED)).map((one) => one._id)).toEqual(['whs_elsewhere']);

    store.stored.push(subscription('whs_here', [PLACED, CLOSED]));
    cache.invalidate();
    expect((await cache.subscribedTo(CLOSED)).map((one) => one._id)).toEqual(['whs_here']);
    expect(store.reads).toBe(3);
  });

  it('does not keep a read that was under way when this replica changed a subscription', async () => {
    const store = source([]);
    const cache = new SubscriptionsByEventType(store, 60_000, () => 0);
    let open!: () => void;
    store.gate = new Promise<void>((resolve) => (open = resolve));
    const early = cache.subscribedTo(PLACED);
    store.stored.push(subscription('whs_new', [PLACED]));
    cache.invalidate();
    open();
    expect(await early).toEqual([]); // read before the change
    expect((await cache.subscribedTo(PLACED)).map((one) => one._id)).toEqual(['whs_new']);
  });
});
