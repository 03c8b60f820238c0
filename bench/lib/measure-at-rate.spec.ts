import { performance } from 'node:perf_hooks';
import { measureAtRate } from './measure-at-rate';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('measureAtRate', () => {
  it('starts operations on schedule while earlier ones are still running (an open loop)', async () => {
    // 100/s for 300 ms: 30 operations of 50 ms each, so about five overlap at any moment.
    const startedAt: number[] = [];
    const stats = await measureAtRate(
      async () => {
        startedAt.push(performance.now());
        await pause(50);
      },
      { perSecond: 100, maxMs: 300, maxInFlight: 64 },
    );
    expect(stats.ops).toBe(30);
    expect(stats.errors).toBe(0);
    expect(stats.scheduledPerSecond).toBe(100);
    // A closed loop of one would have run one at a time; this one never waited for an answer.
    expect(stats.mostInFlight).toBeGreaterThanOrEqual(3);
    // Thirty starts 10 ms apart take ~290 ms, not the 1,500 ms of 30 × 50 ms one after another.
    expect(startedAt[29] - startedAt[0]).toBeLessThan(1_000);
  });

  it('counts the wait of an operation held back by maxInFlight in its latency', async () => {
    // One in flight at a time, 100 ms each, scheduled every 10 ms: the 10th starts ~900 ms after
    // its schedule, and its latency says so; a closed loop would report 100 ms for every one.
    const stats = await measureAtRate(() => pause(100), { perSecond: 100, maxMs: 100, maxInFlight: 1 });
    expect(stats.ops).toBe(10);
    expect(stats.mostInFlight).toBe(1);
    expect(stats.lateStarts).toBeGreaterThanOrEqual(8);
    expect(stats.max).toBeGreaterThan(800);
    expect(stats.p50).toBeGreaterThan(300);
  });

  it('gives each operation its scheduled start, evenly spaced', async () => {
    const scheduled: number[] = [];
    await measureAtRate(
      async (_index, scheduledAt) => {
        scheduled.push(scheduledAt);
      },
      { perSecond: 50, maxMs: 200, maxInFlight: 4 },
    );
    expect(scheduled).toHaveLength(10);
    for (let index = 1; index < scheduled.length; index += 1) expect(scheduled[index] - scheduled[index - 1]).toBeCloseTo(20, 6);
  });

  it('counts a failed operation as an error, with the first message', async () => {
    const stats = await measureAtRate(
      async (index) => {
        if (index % 2 === 1) throw new Error(`no ${index}`);
      },
      { perSecond: 100, maxMs: 40, maxInFlight: 4 },
    );
    expect(stats.ops).toBe(4);
    expect(stats.errors).toBe(2);
    expect(stats.firstError).toBe('no 1');
    expect(stats.perSecond).toBeGreaterThan(0);
  });
});
