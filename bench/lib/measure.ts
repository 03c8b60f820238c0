import { performance } from 'node:perf_hooks';
import { withDeadline } from './deadline';

/**
 * No single operation of any measurement takes this long (a whole order journey waits at most 30 s
 * for each of its two events): one that does has hung, and counts as an error that says so.
 */
const OP_DEADLINE_MS = 120_000;

/** How long a measurement may run: it stops at whichever limit comes first. */
export interface Budget {
  maxOps: number;
  maxMs: number;
  /** Operations run (and discarded) before measuring. */
  warmupOps?: number;
  /** Operations in flight at once (default 1). */
  concurrency?: number;
}

export interface Stats {
  ops: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** p50 of the first and the last tenth of the samples: a drift shows cost growing during the run. */
  firstTenthP50: number;
  lastTenthP50: number;
  firstError?: string;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Summarises latencies (ms, in completion order) measured over `elapsedMs`. */
export function summarize(latencies: number[], errors: number, elapsedMs: number, firstError?: string): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const tenth = Math.max(1, Math.floor(latencies.length / 10));
  const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);
  return {
    ops: latencies.length,
    errors,
    seconds: round(elapsedMs / 1000),
    perSecond: round(((latencies.length - errors) * 1000) / elapsedMs),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    mean: round(latencies.reduce((sum, value) => sum + value, 0) / (latencies.length || 1)),
    firstTenthP50: round(median(latencies.slice(0, tenth))),
    lastTenthP50: round(median(latencies.slice(-tenth))),
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * Runs `op` until the budget is spent; each op is timed on its own. No new op starts after
 * `maxMs`, so a run overshoots by at most one op per worker. A throwing op counts as an error, and
 * so does one still running after OP_DEADLINE_MS (a warm-up op that does fails the measurement).
 */
export async function measure(op: (index: number) => Promise<unknown>, budget: Budget): Promise<Stats> {
  const timed = (index: number) => withDeadline(`operation ${index} of a measurement to finish`, OP_DEADLINE_MS, op(index));
  for (let index = 0; index < (budget.warmupOps ?? 0); index += 1) await timed(-1 - index);
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + budget.maxMs;
  const worker = async () => {
    while (next < budget.maxOps && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      try {
        await timed(index);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: budget.concurrency ?? 1 }, worker));
  return summarize(latencies, errors, performance.now() - started, firstError);
}
