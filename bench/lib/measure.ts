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
  /**
   * Operations per second while every worker was busy (see steadyRate): what `concurrency` in flight
   * sustain. Absent when the run was too short to tell; perSecond, which counts the whole run with
   * its start and its drain, is the figure then.
   */
  steadyPerSecond?: number;
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

/** When an operation ended, and whether it succeeded. */
export interface Completion {
  at: number;
  ok: boolean;
}

/**
 * Successes per second while all `concurrency` workers of a closed loop were busy: those that
 * completed after the first `concurrency` completions (by then the operations in flight started at
 * different moments, as in a steady state, not all at once) and no later than `fullUntil`, when
 * the first worker found no more work to start (after it, fewer are in flight: the drain).
 * Undefined when fewer than `concurrency` completions fall in that window.
 *
 * Why: a run that stops after N operations (or at its deadline) ends with a drain as long as the
 * slowest operation in flight. For a raw database insert (~8 ms) that is nothing in 3 s; for an
 * order journey (~1.2 s at 16 at a time) it is a large part of a 16 s step, so whole-run rates
 * compared journeys with ceilings on unequal terms.
 */
export function steadyRate(completions: Completion[], concurrency: number, fullUntil: number): number | undefined {
  if (completions.length <= concurrency) return undefined;
  const from = completions[concurrency - 1].at;
  let completed = 0;
  let succeeded = 0;
  for (const { at, ok } of completions.slice(concurrency)) {
    if (at > fullUntil) break;
    completed += 1;
    if (ok) succeeded += 1;
  }
  if (completed < concurrency || fullUntil <= from) return undefined;
  return round((succeeded * 1000) / (fullUntil - from));
}

/** A rate to compare runs by: the steady one when the run had one, else the whole run's. */
export const rateOf = (stats: Pick<Stats, 'perSecond' | 'steadyPerSecond'>): number => stats.steadyPerSecond ?? stats.perSecond;

/** One operation of a measurement, failed if it runs past OP_DEADLINE_MS. */
export const timedOp = (op: (index: number) => Promise<unknown>, index: number) => withDeadline(`operation ${index} of a measurement to finish`, OP_DEADLINE_MS, op(index));

/** The budget's warm-up operations (indexes -1, -2, …), one at a time; one that throws or hangs fails the measurement. */
export async function runWarmupOps(op: (index: number) => Promise<unknown>, budget: Pick<Budget, 'warmupOps'>): Promise<void> {
  for (let index = 0; index < (budget.warmupOps ?? 0); index += 1) await timedOp(op, -1 - index);
}

/**
 * Runs `op` until the budget is spent; each op is timed on its own. No new op starts after
 * `maxMs`, so a run overshoots by at most one op per worker. A throwing op counts as an error, and
 * so does one still running after OP_DEADLINE_MS (a warm-up op that does fails the measurement).
 */
export async function measure(op: (index: number) => Promise<unknown>, budget: Budget): Promise<Stats> {
  const timed = (index: number) => timedOp(op, index);
  await runWarmupOps(op, budget);
  const latencies: number[] = [];
  const completions: Completion[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  let fullUntil: number | undefined;
  const concurrency = budget.concurrency ?? 1;
  const started = performance.now();
  const deadline = started + budget.maxMs;
  const worker = async () => {
    while (next < budget.maxOps && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      let ok = true;
      try {
        await timed(index);
      } catch (error) {
        ok = false;
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const at = performance.now();
      latencies.push(at - t0);
      completions.push({ at, ok });
    }
    fullUntil ??= performance.now();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const stats = summarize(latencies, errors, performance.now() - started, firstError);
  const steady = steadyRate(completions, concurrency, fullUntil ?? performance.now());
  return steady === undefined ? stats : { ...stats, steadyPerSecond: steady };
}
