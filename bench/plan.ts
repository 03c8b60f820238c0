import { JourneyPlan } from './journey/journey.bench';
import { Budget } from './lib/measure';
import { SweeperPlan } from './outbox-sweeper.bench';

/** What one run measures and how long each measurement may take. */
export interface BenchPlan {
  mode: 'quick' | 'full';
  /** Sizes the `events` collection is grown to before the event-store measurements. */
  eventSizes: number[];
  eventStore: Budget;
  /** The find({streamId}) reference scans: few, they are slow on FerretDB. */
  filterReference: Budget;
  sweeper: SweeperPlan;
  http: Budget;
  /** One order at a time, POST → the notification in the resident's inbox. */
  journey: Budget;
  /** Whole order journeys across the five services as processes, step by step in concurrency. */
  orderJourneys: JourneyPlan;
}

export const PLANS: Record<BenchPlan['mode'], BenchPlan> = {
  // A few seconds, plus booting the orders service: does everything still run?
  quick: {
    mode: 'quick',
    eventSizes: [0, 1_000],
    eventStore: { maxOps: 50, maxMs: 300, warmupOps: 2 },
    filterReference: { maxOps: 3, maxMs: 300 },
    sweeper: { inFlightMarkers: 200, staleMarkers: 3, budget: { maxOps: 20, maxMs: 300 } },
    http: { maxOps: 300, maxMs: 1_000, warmupOps: 8, concurrency: 8 },
    journey: { maxOps: 5, maxMs: 5_000, warmupOps: 1 },
    orderJourneys: {
      warmupJourneys: 1,
      steps: [
        { concurrency: 1, maxJourneys: 3, maxMs: 10_000 },
        { concurrency: 4, maxJourneys: 8, maxMs: 10_000 },
      ],
      halfLoad: { maxMs: 3_000, maxInFlight: 64 },
      settleTimeoutMs: 20_000,
      idleWindowMs: 3_000,
      // Bounded by time, not by count: 500 GETs at thousands per second took a tenth of a second.
      reads: { maxOps: 50_000, maxMs: 1_000, warmupOps: 16 },
      ceilings: { maxOps: 50_000, maxMs: 1_000, warmupOps: 16 },
      // The steps run with 1,000 orders there (the seeder works); no second size.
      withData: { sizes: [1_000], step: { concurrency: 4, maxJourneys: 8, maxMs: 10_000 }, rounds: 1, warmupJourneys: 4, seedBudgetMs: 60_000, twinWarmupJourneys: 0 },
    },
  },
  // Under ~3 minutes on 2 cores.
  full: {
    mode: 'full',
    eventSizes: [0, 5_000, 20_000],
    eventStore: { maxOps: 500, maxMs: 5_000, warmupOps: 3 },
    filterReference: { maxOps: 10, maxMs: 3_000 },
    sweeper: { inFlightMarkers: 2_000, staleMarkers: 5, budget: { maxOps: 200, maxMs: 2_000 } },
    // Bounded by time: the GETs now run 2,000 requests in about half a second, and a speed is
    // judged only on 5 s or more of load (targets.ts, sustained).
    http: { maxOps: 200_000, maxMs: 10_000, warmupOps: 40, concurrency: 8 },
    journey: { maxOps: 100, maxMs: 15_000, warmupOps: 3 },
    orderJourneys: {
      warmupJourneys: 3,
      steps: [
        { concurrency: 1, maxJourneys: 30, maxMs: 20_000 },
        { concurrency: 4, maxJourneys: 80, maxMs: 20_000 },
        { concurrency: 8, maxJourneys: 120, maxMs: 20_000 },
        { concurrency: 16, maxJourneys: 200, maxMs: 20_000 },
      ],
      // ~150 journeys at ~5/s: a p99 of a few wait times, not of one.
      halfLoad: { maxMs: 30_000, maxInFlight: 64 },
      settleTimeoutMs: 60_000,
      idleWindowMs: 10_000,
      // Bounded by time: a read that ends early (20,000 at 5,000 req/s took 4 s) is not sustained
      // (under 5 s), so its target could not be judged; nor is a ceiling cut short by a count.
      reads: { maxOps: 250_000, maxMs: 5_000, warmupOps: 100 },
      ceilings: { maxOps: 250_000, maxMs: 3_000, warmupOps: 50 },
      // The steps with 1,000 orders there, then the step at 8 with 50,000 (seeding 49,000 takes
      // ~4-15 minutes on 2 cores, depending on what else runs) beside the twin stack at 1,000, 8
      // there too: three rounds of ~20 s. After each restart, 120 journeys at 8 before anything is
      // measured: one step's worth; the twin, 800 more while the first stack is seeded.
      withData: { sizes: [1_000, 50_000], step: { concurrency: 8, maxJourneys: 120, maxMs: 20_000 }, rounds: 3, warmupJourneys: 120, seedBudgetMs: 25 * 60_000, twinWarmupJourneys: 800 },
    },
  },
};

/**
 * `--with-data`: only "flat with data" — the order-journey benchmark with the compared step alone
 * at each size (no other concurrency steps, no half-load step; short reads, ceilings and idle window, which it still
 * prints). `--quick` grows to a small second size, to check that seeding past the first one works.
 */
export function withDataOnly(plan: BenchPlan): BenchPlan {
  const journeys = plan.orderJourneys;
  const sizes = plan.mode === 'quick' ? [1_000, 3_000] : journeys.withData.sizes;
  return {
    ...plan,
    orderJourneys: {
      ...journeys,
      steps: [journeys.withData.step],
      halfLoad: undefined,
      reads: { maxOps: 500, maxMs: 1_000, warmupOps: 16 },
      ceilings: { maxOps: 1_000, maxMs: 1_000, warmupOps: 16 },
      idleWindowMs: 3_000,
      withData: { ...journeys.withData, sizes },
    },
  };
}
