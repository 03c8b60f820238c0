export interface RetryDelays {
  /** The wait before the first retry; it doubles with each failure in a row. */
  baseMs: number;
  maxMs: number;
}

/** How long to wait after the `failures`-th failure in a row (1, 2, …): exponential, capped. */
export function retryDelayMs(failures: number, { baseMs, maxMs }: RetryDelays): number {
  return Math.min(baseMs * 2 ** Math.max(failures - 1, 0), maxMs);
}
