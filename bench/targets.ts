import { BenchResult } from './lib/result';

/** A number the run must reach; a miss makes `npm run bench` exit non-zero. */
export interface Target {
  description: string;
  /** The measured value, or undefined when this run did not measure it (e.g. --quick sizes). */
  measure(results: BenchResult[]): number | undefined;
  comparison: '<=' | '>=';
  threshold: number;
  unit: string;
}

export interface TargetOutcome {
  description: string;
  comparison: Target['comparison'];
  threshold: number;
  unit: string;
  measured?: number;
  status: 'pass' | 'fail' | 'not measured';
}

/** The result of `id` measured with at least `minSize` events in the collection (the largest such). */
function at(results: BenchResult[], id: string, minSize = 0): BenchResult | undefined {
  return results.filter((result) => result.id === id && (result.size ?? 0) >= minSize).sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
}

export const TARGETS: Target[] = [
  {
    description: 'append+publish p95, 20k+ events',
    measure: (results) => at(results, 'event-store.append', 20_000)?.stats.p95,
    comparison: '<=',
    threshold: 50,
    unit: 'ms',
  },
  {
    description: 'load 10-event stream p95, 20k+ events',
    measure: (results) => at(results, 'event-store.load', 20_000)?.stats.p95,
    comparison: '<=',
    threshold: 50,
    unit: 'ms',
  },
  {
    description: 'POST /v1/orders throughput',
    measure: (results) => at(results, 'http.post-order')?.stats.perSecond,
    comparison: '>=',
    threshold: 150,
    unit: 'req/s',
  },
  {
    description: 'GET /v1/orders/{id} p95',
    measure: (results) => at(results, 'http.get-order')?.stats.p95,
    comparison: '<=',
    threshold: 30,
    unit: 'ms',
  },
];

export function checkTargets(results: BenchResult[], targets: Target[] = TARGETS): TargetOutcome[] {
  return targets.map(({ description, comparison, threshold, unit, measure }) => {
    const measured = measure(results);
    if (measured === undefined || Number.isNaN(measured)) return { description, comparison, threshold, unit, status: 'not measured' };
    const ok = comparison === '<=' ? measured <= threshold : measured >= threshold;
    return { description, comparison, threshold, unit, measured, status: ok ? 'pass' : 'fail' };
  });
}
