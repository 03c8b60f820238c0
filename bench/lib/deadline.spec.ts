import { GaveUp, withDeadline } from './deadline';

describe('withDeadline', () => {
  it('settles as the work does when it is in time', async () => {
    await expect(withDeadline('a quick answer', 1_000, Promise.resolve(42))).resolves.toBe(42);
    await expect(withDeadline('a quick failure', 1_000, Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  });

  it('gives up on a promise that never settles, naming what it waited for, and aborts the work', async () => {
    let aborted = false;
    const never = (signal: AbortSignal) =>
      new Promise<never>(() => {
        signal.addEventListener('abort', () => (aborted = true));
      });
    const outcome = withDeadline('insertMany of 1,000 documents into db.events', 50, never);
    await expect(outcome).rejects.toBeInstanceOf(GaveUp);
    await expect(outcome).rejects.toThrow('gave up after 0.1 s waiting for insertMany of 1,000 documents into db.events');
    expect(aborted).toBe(true);
  });

  it('runs a thenable once (a mongoose query runs again at every then)', async () => {
    let runs = 0;
    const query = { then: (resolve: (value: number) => void) => resolve(++runs) };
    await expect(withDeadline('a query', 1_000, query as unknown as PromiseLike<number>)).resolves.toBe(1);
    expect(runs).toBe(1);
  });
});
