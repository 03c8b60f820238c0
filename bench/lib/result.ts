import { Stats } from './measure';

/** One measured row of the report. */
export interface BenchResult {
  /** Stable key that targets refer to, e.g. `event-store.append`. */
  id: string;
  /** What was measured, in words. */
  label: string;
  /** Documents in the `events` collection when the measurement started, when that matters. */
  size?: number;
  /** ... and when it ended, for measurements that grow it (placing orders). */
  sizeAfter?: number;
  concurrency: number;
  stats: Stats;
  /** Anything else worth keeping (status codes, memory, counts). */
  extra?: Record<string, unknown>;
}
