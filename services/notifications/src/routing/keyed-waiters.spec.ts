import { KeyedWaiters } from './keyed-waiters';

describe('KeyedWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every wait on the key, none on another, and keeps nothing once they have ended', async () => {
    const waiters = new KeyedWaiters();
    const first = waiters.wait('order-1', 1_000);
    const second = waiters.wait('order-1', 1_000);
    const other = waiters.wait('order-2', 1_000);
    waiters.wake('order-1');
    expect(await Promise.all([first, second])).toEqual([true, true]);
    jest.advanceTimersByTime(1_000);
    expect(await other).toBe(false);
    expect(waiters.size).toBe(0);
  });

  it('answers false at the deadline, and does not count a wake that came before the wait', async () => {
    const waiters = new KeyedWaiters();
    waiters.wake('order-1');
    const late = waiters.wait('order-1', 500);
    jest.advanceTimersByTime(499);
    waiters.wake('order-2');
    jest.advanceTimersByTime(1);
    expect(await late).toBe(false);
    expect(waiters.size).toBe(0);
  });
});
