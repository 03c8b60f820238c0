import { WriteRateLimiter } from './write-rate-limiter';

describe('WriteRateLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows the limit at once, then refuses with the seconds until the next write is allowed', () => {
    const limiter = new WriteRateLimiter(3, clock);
    expect([1, 2, 3].map(() => limiter.take('res-1').allowed)).toEqual([true, true, true]);
    expect(limiter.take('res-1')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    now += 15_000;
    expect(limiter.take('res-1')).toEqual({ allowed: false, retryAfterSeconds: 5 });
    now += 5_000;
    expect(limiter.take('res-1').allowed).toBe(true);
  });

  it('keeps one bucket per caller', () => {
    const limiter = new WriteRateLimiter(1, clock);
    expect(limiter.take('res-1').allowed).toBe(true);
    expect(limiter.take('res-1').allowed).toBe(false);
    expect(limiter.take('res-2').allowed).toBe(true);
  });

  it('refills at the rate, never above the limit', () => {
    const limiter = new WriteRateLimiter(60, clock);
    for (let i = 0; i < 60; i += 1) limiter.take('x');
    expect(limiter.take('x').allowed).toBe(false);
    now += 10 * 60_000;
    for (let i = 0; i < 60; i += 1) expect(limiter.take('x').allowed).toBe(true);
    expect(limiter.take('x').allowed).toBe(false);
  });

  it('forgets callers whose bucket is full again once it holds many', () => {
    const limiter = new WriteRateLimiter(5, clock);
    for (let i = 0; i < 10_001; i += 1) limiter.take(`caller-${i}`);
    now += 60_000;
    limiter.take('one-more');
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});
