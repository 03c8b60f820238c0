/**
 * Every wait in the bench has a deadline and names what it waited for: a promise that never
 * settles (a reply the server never sends, an event that never comes) must fail the run with a
 * sentence, not hold it at 0 % CPU until someone kills it.
 */
export class GaveUp extends Error {
  constructor(
    readonly what: string,
    readonly afterMs: number,
  ) {
    super(`gave up after ${Math.round(afterMs / 100) / 10} s waiting for ${what}`);
  }
}

/**
 * Settles as `work` does, or rejects with GaveUp after `ms`. `work` may take the signal that is
 * aborted at the deadline, to drop what it was doing (a fetch, a socket); a promise that cannot be
 * abandoned is left to settle unobserved.
 */
export function withDeadline<T>(what: string, ms: number, work: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>)): Promise<T> {
  const controller = new AbortController();
  // Once, as a real promise: a mongoose query is a thenable that runs again at every then/catch.
  const running = Promise.resolve(typeof work === 'function' ? work(controller.signal) : work);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new GaveUp(what, ms));
    }, ms);
  });
  running.catch(() => undefined); // once given up, its later failure is nobody's business
  return Promise.race([running, gaveUp]).finally(() => clearTimeout(timer));
}
