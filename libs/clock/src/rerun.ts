export interface RerunOptions {
  /** The wait after the `failures`-th failed run in a row (1, 2, …) before trying again. */
  retryDelayMs: (failures: number) => number;
  /** Told of each failed run (the run is tried again while active). */
  onFailure?: (error: unknown, failures: number) => void;
}

/**
 * A task run on request, never twice at once, and never on a schedule of its own: requests
 * during a run make one more run after it; a failed run is tried again after a backoff (at once
 * if asked again meanwhile) while active; a run may return in how many ms to look again.
 *
 * What the outbox sweeper (a sweep at start-up, on each group join, and when the markers it kept
 * can be judged) and the deadline poller (a reload of pending deadlines at start-up and on each
 * group join) share: the one loop of the two. Neither polls; an idle process arms no timer here.
 */
export class Rerun {
  private running?: Promise<void>;
  private wanted = false;
  private active = false;
  private timer?: NodeJS.Timeout;
  /** Ends the wait of a failed run (a new request, or stop). */
  private wake?: () => void;

  constructor(
    private readonly task: () => Promise<number | undefined | void>,
    private readonly options: RerunOptions,
  ) {}

  /** From now on failed runs are retried and a run's "look again" is honoured. */
  activate(): void {
    this.active = true;
  }

  /** Runs the task now, or once more after the run under way. Resolves when that run is over; never rejects. */
  request(): Promise<void> {
    this.wanted = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
    this.running ??= this.loop();
    return this.running;
  }

  /** No more retries or looks again; waits for the run under way. */
  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let lookAgainInMs: number | undefined;
    try {
      while (this.wanted) {
        this.wanted = false;
        lookAgainInMs = await this.runUntilDone();
      }
    } finally {
      // Cleared in the same turn as the last check above (a run always awaits first), so a
      // request that finds it set is always picked up by the loop.
      this.running = undefined;
    }
    if (lookAgainInMs !== undefined && this.active) {
      this.timer = setTimeout(() => void this.request(), lookAgainInMs);
      this.timer.unref();
    }
  }

  private async runUntilDone(): Promise<number | undefined> {
    for (let failures = 1; ; failures += 1) {
      try {
        return (await this.task()) ?? undefined;
      } catch (error) {
        this.options.onFailure?.(error, failures);
        if (!this.active) return undefined;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.retryDelayMs(failures));
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        if (!this.active) return undefined;
        // Asked again while waiting: this attempt is that run.
        this.wanted = false;
      }
    }
  }
}
