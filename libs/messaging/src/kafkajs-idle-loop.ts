/**
 * kafkajs 2.2.4, its last release, keeps a timer spinning on every broker connection for as long
 * as the connection lives. After each look at its queue of requests waiting to be sent, its
 * RequestQueue schedules the next look for "throttled until − now": a negative delay whenever the
 * broker is not throttling, which Node runs after 1 ms, and which schedules the next… So every
 * connection of every producer, consumer and admin client wakes the process a thousand times a
 * second with nothing to do (kafkajs issues #1556, #1704 and #1751; the fixes were never
 * released). It is also what printed Node's TimeoutNegativeWarning on every response.
 *
 * Replaced here, the one place Lantern touches kafkajs: a look is scheduled only when a request is
 * waiting (as before) or a throttle is due to end. Nothing is lost without the spin — a request
 * that cannot go at once is queued by `push`, which schedules a look; every answer and every
 * timeout looks at the queue anyway (`fulfillRequest`, the socket request's `timeout`).
 */
import { createRequire } from 'node:module';

/** The RequestQueue fields the replacement uses (kafkajs/src/network/requestQueue/index.js). */
export interface KafkaRequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs' own delay between looks while requests wait and no throttle says how long. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

function scheduleCheckPendingRequests(this: KafkaRequestQueue): void {
  if (this.throttleCheckTimeoutId) return;
  const throttledFor = this.throttledUntil - Date.now();
  let delay: number;
  if (this.pending.length > 0) delay = throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL;
  else if (throttledFor > 0) delay = throttledFor;
  else return; // nothing waits and no throttle ends: the next push or answer looks again
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/** kafkajs' RequestQueue class, as loaded by the kafkajs this library uses. */
export function kafkaRequestQueueClass(): { prototype: KafkaRequestQueue } {
  const fromKafkajs = createRequire(require.resolve('kafkajs'));
  return fromKafkajs('./src/network/requestQueue') as { prototype: KafkaRequestQueue };
}

/** Installs the replacement (idempotent); done when this module is first loaded. */
export function stopKafkajsIdleLoop(): void {
  kafkaRequestQueueClass().prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}

stopKafkajsIdleLoop();
