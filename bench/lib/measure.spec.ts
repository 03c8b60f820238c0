import { Completion, measure, rateOf, steadyRate } from './measure';

/** Completions `every` ms apart from `from` to `to` (inclusive). */
const evenly = (from: number, to: number, every: number, ok = true): Completion[] => {
  const completions: Completion[] = [];
  for (let at = from; at <= to; at += every) completions.push({ at, ok });
  return completions;
};

describe('steadyRate', () => {
  it('counts the completions between the first `concurrency` and the first idle worker, not the drain after it', () => {
    // Two workers finish an operation every 100 ms until 1,000 ms; then the last two drag on.
    const completions = [...evenly(100, 1000, 100), { at: 1500, ok: true }, { at: 2500, ok: true }];
    // After the 2nd completion (200 ms) and until 1,000 ms: 8 completions in 0.8 s.
    expect(steadyRate(completions, 2, 1000)).toBe(10);
    // Had the window run to the last completion, the drain would count: 10 in 2.3 s.
    expect(steadyRate(completions, 2, 2500)).toBe(4.35);
  });

  it('counts successes only, over the same window', () => {
    const completions = [...evenly(100, 500, 100), ...evenly(600, 1000, 100, false)];
    expect(steadyRate(completions, 2, 1000)).toBe(3 / 0.8);
  });

  it('has no answer when the window holds fewer completions than there were workers', () => {
    expect(steadyRate(evenly(100, 400, 100), 4, 400)).toBeUndefined();
    expect(steadyRate(evenly(100, 1000, 100), 4, 450)).toBeUndefined();
  });
});

describe('measure', () => {
  it('reports the steady rate beside the whole-run one, which the slowest last operation drags down', async () => {
    const stats = await measure((index) => new Promise((resolve) => setTimeout(resolve, index === 39 ? 300 : 5)), { maxOps: 40, maxMs: 60_000, concurrency: 4 });
    expect(stats.ops).toBe(40);
    expect(stats.steadyPerSecond).toBeDefined();
    expect(stats.steadyPerSecond!).toBeGreaterThan(2 * stats.perSecond);
    expect(rateOf(stats)).toBe(stats.steadyPerSecond);
  });

  it('falls back to the whole-run rate when the run was too short for a steady one', async () => {
    const stats = await measure(() => Promise.resolve(), { maxOps: 3, maxMs: 60_000, concurrency: 4 });
    expect(stats.steadyPerSecond).toBeUndefined();
    expect(rateOf(stats)).toBe(stats.perSecond);
  });
});
