/**
 * Callers waiting, per key, for something this process is about to do, each until a deadline:
 * OrderPartiesRepository's waits for an order's placement to be stored.
 */
export class KeyedWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();

  /** Resolves true when `wake(key)` is called, false after `timeoutMs`; an earlier wake does not count. */
  wait(key: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let waiters = this.waiting.get(key);
      if (!waiters) this.waiting.set(key, (waiters = new Set()));
      const done = (woken: boolean) => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0) this.waiting.delete(key);
        resolve(woken);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      waiters.add(wake);
    });
  }

  /** Resolves every wait on the key now pending. */
  wake(key: string): void {
    for (const wake of [...(this.waiting.get(key) ?? [])]) wake();
  }

  /** Keys someone waits on (for tests: nothing is kept once its waits have ended). */
  get size(): number {
    return this.waiting.size;
  }
}
