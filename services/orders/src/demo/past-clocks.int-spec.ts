import { asOfPast } from '@lantern/clock';
import { KeyedSerializer } from '@lantern/event-store';
import { Principal } from '@lantern/identity';
import { waitFor } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';
import { CompleteOrderHandler } from '../orders/complete-order/complete-order.handler';
import { FeedbackClock } from '../orders/feedback-clock';
import { feedbackDeadlineId } from '../orders/feedback-deadline';
import { FulfilClock, fulfilDeadlineId } from '../orders/fulfil-clock';
import { RouteOrderHandler } from '../orders/route-order/route-order.handler';

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

/**
 * Orders whose consumed event waits, in this process, for the command running on them: a clock's
 * KeyedSerializer asked for `settled` from outside its own `run` (which asks it while queuing).
 */
const waitingOnCommand = new Set<string>();
let queuing = false;
const { run, settled } = KeyedSerializer.prototype;
KeyedSerializer.prototype.run = function <T>(this: KeyedSerializer, keys: string | readonly string[], work: () => Promise<T>) {
  queuing = true;
  try {
    return run.call(this, keys, work) as Promise<T>;
  } finally {
    queuing = false;
  }
};
KeyedSerializer.prototype.settled = function (this: KeyedSerializer, key: string) {
  if (!queuing) waitingOnCommand.add(key);
  return settled.call(this, key);
};

/**
 * Holds the command's own setting of a clock back until the consumer of the event it appended has
 * dealt with the same clock — set it, or parked to wait for the command: the order in which a
 * loaded machine may run them. The clock's two entry points are wrapped on this replica's instance.
 */
function holdCommandUntilConsumerDone(clock: object, commandSets: string, consumerSets: string, orderId: string): void {
  const target = clock as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const setByCommand = target[commandSets].bind(clock);
  const setByConsumer = target[consumerSets].bind(clock);
  let consumerCame = false;
  let consumerDone = false;
  let held = false;
  target[consumerSets] = (...args) => {
    consumerCame = true;
    return setByConsumer(...args).finally(() => (consumerDone = true));
  };
  target[commandSets] = async (...args) => {
    // The consumer's own call (it sets the clock through the same method) is never held.
    if (!held && !consumerCame) {
      held = true;
      await waitFor(async () => consumerDone || waitingOnCommand.has(orderId) || undefined, { timeoutMs: 20_000, description: 'the consumed event to reach the clock' });
    }
    return setByCommand(...args);
  };
}

/**
 * The demo history plays commands at past times (`asOfPast`); the clocks they set keep their length
 * from today (wallClockFor), so that an order completed "three weeks ago" still awaits its rating.
 * The consumer of the appended event sets the same clocks again, from the past times the event
 * carries — were it first, its clock would fire at once and change the history being played (an
 * order closed unrated before its rating; a fulfil escalation nobody planned). The demo-history
 * e2e lost a low rating that way in CI, once in many runs.
 */
describe('clocks set while history is played, whichever of command and consumer comes first', () => {
  let fx: OrdersFixture;
  const serviceCode = `past-clocks-${randomUUID().slice(0, 8)}`;
  const committee: Principal = { sub: 'com-liz', roles: ['committee'], stations: ['lizhoujiao-centre'] };
  const socialWorker: Principal = { sub: 'sw-liz', roles: ['social_worker'], stations: ['lizhoujiao-centre'] };

  beforeAll(async () => {
    fx = await startOrders();
    const clocks = { claim: 60, fulfil: 120, feedback: 10 };
    const added = await fx.orders.http('POST', '/v1/catalogue', {
      token: await people.admin(),
      body: { code: serviceCode, kind: 'regular', category: 'community', name: { 'zh-CN': '往事', en: 'Past clocks' }, targetGroups: ['elderly'], privacy: 'public', sla: { normal: clocks, urgent: clocks } },
    });
    expect(added.status).toBe(201);
  });
  afterAll(() => fx.stop());

  const deadline = (id: string) => fx.database.collection('deadlines').findOne({ _id: id } as never);
  const viewShows = (orderId: string, status: string) =>
    waitFor(async () => ((await fx.database.collection('order_views').findOne({ _id: orderId } as never))?.status === status ? true : undefined), {
      timeoutMs: 20_000,
      description: `the order list to show ${orderId} ${status}`,
    });

  it('a routing and a completion played hours ago keep their fulfil and feedback windows from today', async () => {
    const orderId = await fx.place({ serviceCode, stationId: 'lizhoujiao-centre', urgency: 'normal' });
    await fx.claim(orderId);

    // Routed three hours ago with two hours to fulfil: due an hour ago by the event, in two hours by the clock.
    holdCommandUntilConsumerDone(fx.orders.app.get(FulfilClock), 'start', 'startUnlessSetHere', orderId);
    const routed = await asOfPast(ago(180), () => fx.orders.app.get(RouteOrderHandler).execute(orderId, socialWorker, { fulfiller: { type: 'committee', id: 'lizhoujiao' } }));
    await viewShows(orderId, 'ROUTED');
    // One deadline for both legs: due at the warning (after 96 of the 120 minutes), carrying the escalation's time.
    const fulfil = await deadline(fulfilDeadlineId(orderId, routed.version));
    expect(fulfil?.dueAt.getTime()).toBeGreaterThan(Date.now() + 90 * MINUTE);
    expect(Date.parse(fulfil?.payload.overdueAt)).toBeGreaterThan(Date.now() + 100 * MINUTE);

    const started = await fx.orders.http('POST', `/v1/orders/${orderId}/start`, { token: await people.committeeLizhoujiao() });
    expect(started.status).toBe(200);

    // Completed an hour ago with ten minutes to rate: closed unrated fifty minutes ago by the event.
    waitingOnCommand.clear();
    holdCommandUntilConsumerDone(fx.orders.app.get(FeedbackClock), 'start', 'startIfStillAwaitingFeedback', orderId);
    await asOfPast(ago(60), () => fx.orders.app.get(CompleteOrderHandler).execute(orderId, committee, { outcome: 'done', participants: [] }));
    await viewShows(orderId, 'FULFILLED');
    const feedback = await deadline(feedbackDeadlineId(orderId));
    expect(feedback?.dueAt.getTime()).toBeGreaterThan(Date.now() + 5 * MINUTE);

    // Still awaiting its rating, and never escalated for being late.
    const rated = await fx.orders.http('POST', `/v1/orders/${orderId}/feedback`, { token: await people.residentA(), body: { rating: 2 } });
    expect(rated.status).toBe(200);
    expect((await fx.streamTypes(orderId)).filter((type) => type.includes('escalated') || type.includes('closed'))).toEqual(['lantern.order.closed.v1']);
  });
});
