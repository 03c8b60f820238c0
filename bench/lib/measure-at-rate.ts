import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { Stats, summarize, timedOp } from './measure';

/** An open-loop load: operations started at a fixed rate, whatever those before them are doing. */
export interface RatePlan {
  /** Operations started per second, evenly spaced. */
  perSecond: number;
  /** Operations are scheduled over this long; the run then waits for the last of them. */
  maxMs: number;
  /**
   * At most this many in flight: a system that cannot keep up must not be buried under an ever
   * longer queue. An operation held back by it still counts its wait (from its scheduled start).
   */
  maxInFlight: number;
}

export interface RateStats extends Stats {
  /** The rate the operations were scheduled at. */
  scheduledPerSecond: number;
  /** The most operations that were in flight at once. */
  mostInFlight: number;
  /** Operations that started more than LATE_MS after their scheduled moment (maxInFlight, or the generator's own event loop). */
  lateStarts: number;
}

/** A start this much behind its schedule is late: the generator or maxInFlight held it back. */
const LATE_MS = 10;

/**
 * Runs `op` at `plan.perSecond`, evenly spaced, for `plan.maxMs`, and times each from the moment
 * it was scheduled to start. Why not the closed loop of `measure`: a closed loop starts the next
 * operation only when one has finished, so when the system slows the load slows with it, and the
 * queue the system would have built never shows in the latencies (coordinated omission). Residents
 * do not wait for each other's orders. `op` gets its index and its scheduled start
 * (`performance.now()` time), so that latencies it measures itself can count from there too.
 */
export async function measureAtRate(op: (index: number, scheduledAt: number) => Promise<unknown>, plan: RatePlan): Promise<RateStats> {
  const intervalMs = 1000 / plan.perSecond;
  const scheduled = Math.max(1, Math.floor(plan.maxMs / intervalMs));
  const latencies: number[] = [];
  const running = new Set<Promise<void>>();
  let errors = 0;
  let firstError: string | undefined;
  let mostInFlight = 0;
  let lateStarts = 0;
  const started = performance.now();
  for (let index = 0; index < scheduled; index += 1) {
    const scheduledAt = started + index * intervalMs;
    const early = scheduledAt - performance.now();
    if (early > 0) await delay(early);
    while (running.size >= plan.maxInFlight) await Promise.race(running);
    if (performance.now() - scheduledAt > LATE_MS) lateStarts += 1;
    const tracked: Promise<void> = timedOp((opIndex) => op(opIndex, scheduledAt), index)
      .then(
        () => undefined,
        (error: unknown) => {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        },
      )
      .then(() => {
        latencies.push(performance.now() - scheduledAt);
        running.delete(tracked);
      });
    running.add(tracked);
    mostInFlight = Math.max(mostInFlight, running.size);
  }
  await Promise.all(running);
  return { ...summarize(latencies, errors, performance.now() - started, firstError), scheduledPerSecond: plan.perSecond, mostInFlight, lateStarts };
}
