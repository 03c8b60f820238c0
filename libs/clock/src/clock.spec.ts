import { asOfPast, inPast, now, wallClockFor } from './clock';

describe('the command clock', () => {
  it('is the wall clock outside a past scope', () => {
    const before = Date.now();
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
    expect(inPast()).toBe(false);
    const due = new Date(Date.now() + 60_000);
    expect(wallClockFor(due)).toBe(due);
  });

  it('answers the past time inside the scope, across awaits, and timers keep their length from today', async () => {
    const at = new Date('2026-11-10T02:00:00Z');
    const seen = await asOfPast(at, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const due = new Date(at.getTime() + 3 * 86_400_000);
      return { now: now(), inPast: inPast(), fires: wallClockFor(due).getTime() - Date.now() };
    });
    expect(seen.now).toEqual(at);
    expect(seen.inPast).toBe(true);
    expect(Math.abs(seen.fires - 3 * 86_400_000)).toBeLessThan(5_000);
    expect(inPast()).toBe(false);
  });

  it('refuses a time that is not in the past', () => {
    expect(() => asOfPast(new Date(Date.now() + 60_000), async () => undefined)).toThrow(/not in the past/);
  });
});
