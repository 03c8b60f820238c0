/** Runs `work` for every item, at most `width` at a time, in the items' order. */
export async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/**
 * Polls `check` until it answers something, or undefined once `timeoutMs` passed. A check that
 * throws is tried again (the last error is what `timeoutMs` leaves, for the log).
 */
export async function whenReady<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250, failed?: (error: unknown) => void): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const found = await check().catch((error: unknown) => {
      lastError = error;
      return undefined;
    });
    if (found !== undefined) return found;
    if (Date.now() >= deadline) {
      if (lastError !== undefined) failed?.(lastError);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
