import { RateLimiter } from './rate-limiter';

describe('per-number rate limit', () => {
  it('allows the limit per minute per number, then refuses until the minute has passed', () => {
    const limiter = new RateLimiter(2);
    const t0 = 1_000_000;
    expect(limiter.tryTake('sms', '+8613800000000', t0)).toBe(true);
    expect(limiter.tryTake('sms', '+8613800000000', t0 + 1)).toBe(true);
    expect(limiter.tryTake('sms', '+8613800000000', t0 + 2)).toBe(false);
    expect(limiter.tryTake('sms', '+8613900000000', t0 + 2)).toBe(true);
    expect(limiter.tryTake('sms', '+8613800000000', t0 + 60_001)).toBe(true);
  });
});
