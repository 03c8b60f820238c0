import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time a command takes effect. Always the wall clock — except inside `asOfPast`, which the
 * demo seeders use to play a few weeks of history through the services' own handlers, so that
 * the events carry the past times the reports count by.
 *
 * Why a scope in the process and not a request header or a token claim: nothing an API caller
 * sends can reach it. Only code running in the service's own process, inside the callback,
 * sees the past time; HTTP requests, Kafka messages and timers run outside it. Outside the
 * demo folders the lint forbids importing `asOfPast` (eslint.config.mjs).
 */
const past = new AsyncLocalStorage<number>();

/** Now, as the command being decided sees it. */
export function now(): Date {
  const at = past.getStore();
  return new Date(at ?? Date.now());
}

/** Whether the current command is being played at a past time (a demo seeder's). */
export function inPast(): boolean {
  return past.getStore() !== undefined;
}

/**
 * The wall-clock time at which a timer set now for `due` should fire. A clock set while history
 * is played keeps its length: an order completed "three weeks ago" with three days to rate it
 * gets its three days from today, instead of firing at once (which would race the seeder's next
 * step and change the history it plays).
 */
export function wallClockFor(due: Date): Date {
  const at = past.getStore();
  return at === undefined ? due : new Date(Date.now() + (due.getTime() - at));
}

/**
 * Runs `work` with `now()` answering `at` (which must lie in the past). Only for the demo
 * seeders: see above.
 */
export function asOfPast<T>(at: Date, work: () => Promise<T>): Promise<T> {
  if (!(at.getTime() <= Date.now())) throw new Error(`asOfPast: ${at.toISOString()} is not in the past`);
  return past.run(at.getTime(), work);
}
