// One order from placement to CLOSED over HTTP, the calls of the README's curl walk-through:
// place as a resident → OFFERED in matching → a social worker claims → CLAIMED in orders →
// route to the village committee → start → complete → the resident rates it → CLOSED.
import { MatchingOffersMadeV1, OrderClaimedV1 } from '@lantern/contracts';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { withDeadline } from '../lib/deadline';
import { DemoPrincipals, VILLAGES } from './demo-principals';
import { JourneyAnswer, JourneyHttp } from './journey-http';
import { JourneyEvents } from './journey-events';

/** How long one journey may wait for the asynchronous parts (offer, claim reaching orders). */
const WAIT_MS = 30_000;
/** Only if the service does not show what Kafka already said (it should, at once). */
const RECHECK_MS = 20;
/** One HTTP call to a service: milliseconds normally, seconds on a loaded machine. */
const CALL_DEADLINE_MS = 30_000;

export interface JourneyContext {
  orders: JourneyHttp;
  matching: JourneyHttp;
  events: JourneyEvents;
  principals: DemoPrincipals;
  /** Makes residents and idempotency keys unique to this run. */
  run: string;
}

export interface JourneyTiming {
  /** From sending POST /v1/orders until matching shows the order OFFERED. */
  offeredMs: number;
  /** From sending POST /v1/orders until the rating answered CLOSED. */
  closedMs: number;
  httpCalls: number;
  /** Whose order it was: the seeder copies a finished journey's documents by these. */
  orderId: string;
  residentId: string;
}

function expectOk(result: JourneyAnswer, what: string): JourneyAnswer {
  if (result.status < 200 || result.status > 299) throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
  return result;
}

export async function runOrderJourney(context: JourneyContext, index: number): Promise<JourneyTiming> {
  const { orders, matching, events, principals } = context;
  const village = VILLAGES[index % VILLAGES.length];
  const station = village.stations[0];
  const residentId = `res-${context.run}-${index}`;
  const resident = await principals.resident(residentId);
  const staff = await principals.socialWorker(village);
  const committee = await principals.committee(village);
  let httpCalls = 0;
  const call = async (client: JourneyContext['orders'], method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => {
    httpCalls += 1;
    return expectOk(await withDeadline(`${method} ${path} to answer`, CALL_DEADLINE_MS, client(method, path, { token, body, headers })), `${method} ${path}`);
  };
  /**
   * Asks until the answer shows `done` — normally the first time, as Kafka already said so. Not
   * always: another stack on the same broker (a second bench run) handles this run's orders too,
   * so the event may have come from its matching, while ours answers 404 for a moment longer.
   */
  const untilShown = async (client: JourneyContext['orders'], path: string, token: string, done: (body: Record<string, unknown>) => boolean, what: string) => {
    const deadline = performance.now() + WAIT_MS;
    for (;;) {
      httpCalls += 1;
      const answer = await withDeadline(`GET ${path} to answer`, CALL_DEADLINE_MS, client('GET', path, { token }));
      if (answer.status !== 404) expectOk(answer, `GET ${path}`);
      if (answer.status !== 404 && done(answer.body)) return answer.body;
      if (performance.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(answer.body).slice(0, 200)} after ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
    }
  };

  const started = performance.now();
  const placed = await call(orders, 'POST', '/v1/orders', resident, { serviceCode: 'after-school-care', stationId: station, details: 'Two children, pick-up 16:30' }, {
    'idempotency-key': randomUUID(),
  });
  const orderId = placed.body.id as string;
  events.own(orderId);

  await events.waitFor(orderId, MatchingOffersMadeV1.type, WAIT_MS);
  const offered = await untilShown(matching, `/v1/orders/${orderId}/matching`, staff, (body) => body.status === 'OFFERED', `matching of ${orderId}`);
  const offeredMs = performance.now() - started;
  const offers = offered.offers as { socialWorkerId: string; status: string }[];
  const claimant = offers.find((offer) => offer.status === 'open')?.socialWorkerId;
  if (!claimant) throw new Error(`order ${orderId} is OFFERED with no open offer: ${JSON.stringify(offers)}`);
  const worker = await principals.socialWorker(village, claimant);

  await call(matching, 'POST', `/v1/orders/${orderId}/claim`, worker);
  await events.waitFor(orderId, OrderClaimedV1.type, WAIT_MS);
  await untilShown(orders, `/v1/orders/${orderId}`, worker, (body) => body.status === 'CLAIMED', `order ${orderId} to be CLAIMED`);

  await call(orders, 'POST', `/v1/orders/${orderId}/route`, worker, { fulfiller: { type: 'committee', id: village.id } });
  await call(orders, 'POST', `/v1/orders/${orderId}/start`, committee);
  await call(orders, 'POST', `/v1/orders/${orderId}/complete`, committee, { outcome: 'done', participants: [{ personId: `committee-${village.id}`, hours: 1.5 }] });
  const rated = await call(orders, 'POST', `/v1/orders/${orderId}/feedback`, resident, { rating: 5, comment: 'Thank you!' });
  if (rated.body.status !== 'CLOSED') {
    await untilShown(orders, `/v1/orders/${orderId}`, resident, (body) => body.status === 'CLOSED', `order ${orderId} to be CLOSED`);
  }
  const closedMs = performance.now() - started;
  events.forget(orderId);
  return { offeredMs, closedMs, httpCalls, orderId, residentId };
}
