// "Flat with data": the same journeys with 1,000 and with 50,000 orders already there must cost
// the same (journeys/s and database commands per journey within 20 %). The existing orders are
// copies of real journeys (journey-template.ts, seed-orders.ts), written while the services are
// stopped, so each size is measured on services that started with that data, as after a deploy.
// A larger size is measured at the same moment as the first: a twin stack (twin-stack.ts), with
// servers of its own, holds the first size and runs the same step beside it, round after round, so
// that a slow minute of this shared machine falls on both sizes alike.
import { performance } from 'node:perf_hooks';
import { withDeadline } from '../lib/deadline';
import { rateOf } from '../lib/measure';
import { VILLAGES } from './demo-principals';
import { captureJourneys, TemplateCapture } from './journey-template';
import { countOrders, JourneyStepOutcome, JourneyStepPlan, runJourneyStep, StepTools, warmUp } from './journey-step';
import { runOrderJourney } from './order-journey';
import { restartServiceStack } from './service-processes';
import { SeedOutcome, seedOrders } from './seed-orders';
import { per } from './stack-usage';
import type { TwinStack } from './twin-stack';

export interface WithDataPlan {
  /**
   * Orders existing before the measurements. The first size is reached before the concurrency
   * steps (so they all run with that many orders there); each further size is reached after the
   * steps, and `step` runs at it beside a twin stack at the first size (measureBesideTwin).
   */
  sizes: number[];
  step: JourneyStepPlan;
  /** How many times `step` runs on both stacks at once, after one round not counted; the comparison takes each size's mean. */
  rounds: number;
  /**
   * Unmeasured journeys, `step.concurrency` at a time, after each restart on seeded data and before
   * anything is measured at that size. Fresh processes compile their hot paths only after many
   * journeys, and FerretDB has just taken a bulk load: with 3 journeys, the first step after
   * seeding 50,000 cost the machine 199 ms a journey and the next two, on the same data, 153 and
   * 158 (bench/README.md, "Flat with data"). Both sizes get the same warm-up, so the comparison is
   * of the data, not of how long the processes have been running.
   */
  warmupJourneys: number;
  /** Seeding stops at the size it reached after this long (and says so). */
  seedBudgetMs: number;
  /**
   * The twin stack's journeys after its seeding, before it is ready (at `step.concurrency`),
   * followed by a restart of its services and `warmupJourneys` again; it seeds as many orders
   * fewer, so it holds the first size when measured. Its Kafka is minutes old where the first
   * stack's has run thousands of journeys, and a broker's compiler takes about a thousand to
   * settle (bench/README.md, "Kafka's warm-up"): with ~235 journeys before the first round, the
   * twin's Kafka spent 10–24 ms more per journey than the first stack's.
   */
  twinWarmupJourneys: number;
}

export interface SizeOutcome {
  existingOrders: number;
  seeding: SeedOutcome;
  /** Stop, seed, start again until every /health/ready answers. */
  restartSeconds: number;
}

interface SizeFigures {
  existingOrders: number;
  journeysPerSecond: number;
  offeredP99: number;
  dbCommandsPerJourney: number;
  kafkaRecordsPerJourney: number;
  /**
   * CPU ms per journey of the stack's own processes (its five services, the process driving it,
   * its FerretDB and Kafka when they run here), in all and each: with both stacks on the machine
   * at once, journeys/s alone would hide part of a dearer stack's cost, which slows its twin too.
   */
  stackCpuMsPerJourney: number;
  cpuMsPerJourney: Record<string, number>;
  foreignRecords: number;
}

export interface FlatComparison {
  concurrency: number;
  /** The mean of `smallRuns`: the twin stack's, at the first size. */
  small: SizeFigures;
  /** The mean of `largeRuns`. */
  large: SizeFigures;
  /** Round by round, each beside the same round of the other size. */
  smallRuns: SizeFigures[];
  largeRuns: SizeFigures[];
  /** (large − small) ÷ small, in %. */
  journeysPerSecondChangePercent: number;
  dbCommandsPerJourneyChangePercent: number;
}

export interface WithDataFacts {
  /** `service.collection` → documents one journey leaves (what each seeded order copies). */
  documentsPerOrder: Record<string, number>;
  /** Collections that mention a journey in documents shared by many (not copied). */
  sharedCollections: string[];
  sizes: SizeOutcome[];
  /** The twin stack's way to the first size, when further sizes were measured beside it. */
  twin?: SizeOutcome;
  /** Why the twin stack could not start or grow, when it could not: then no comparison is made. */
  twinFailure?: string;
  comparisons: FlatComparison[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const CAPTURE_DEADLINE_MS = 120_000;

/** Real journeys, one per village, whose documents every seeded order copies. */
export async function captureTemplates(tools: StepTools, progress: (message: string) => void): Promise<TemplateCapture> {
  progress(`${VILLAGES.length} journeys through the real event path, to copy as existing orders`);
  const journeys = [];
  for (let village = 0; village < VILLAGES.length; village += 1) journeys.push(await runOrderJourney(tools.context, countOrders(tools, 1)));
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the journeys to copy', progress);
  // Reads every document of the five small databases (demo data and a few journeys).
  return withDeadline('the five databases to be read back for the journeys to copy', CAPTURE_DEADLINE_MS, captureJourneys(tools.stack, journeys));
}

/**
 * Stops the services, adds copies until `existingOrders` orders exist, starts them again and runs
 * the plan's unmeasured warm-up journeys, which count too.
 */
export async function growTo(tools: StepTools, capture: TemplateCapture, existingOrders: number, plan: { withData: WithDataPlan }, progress: (message: string) => void): Promise<SizeOutcome> {
  const { warmupJourneys, step } = plan.withData;
  const copies = Math.max(0, existingOrders - tools.ordersThere - warmupJourneys);
  progress(`${copies.toLocaleString('en-US')} existing orders written into the stopped services' databases (to ${existingOrders.toLocaleString('en-US')})`);
  let seeding: SeedOutcome | undefined;
  const started = performance.now();
  await restartServiceStack(tools.stack, async () => {
    seeding = await seedOrders(capture.templates, copies, plan.withData.seedBudgetMs, progress);
    await tools.lag.skipBacklog(); // other runs' records of the minutes the services were down
  });
  const restartSeconds = Math.round(performance.now() - started) / 1000;
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the services started on the seeded databases', progress); // the groups have joined again
  countOrders(tools, seeding!.orders);
  if (seeding!.orders < copies) progress(`  the seeding budget (${plan.withData.seedBudgetMs / 1000} s) ran out at ${seeding!.orders.toLocaleString('en-US')} of ${copies.toLocaleString('en-US')}`);
  progress(`  ${seeding!.documents.toLocaleString('en-US')} documents in ${seeding!.seconds} s; services stopped, seeded and ready again in ${restartSeconds} s; ${warmupJourneys} warm-up journeys, ${step.concurrency} at a time`);
  await warmUp(tools, warmupJourneys, step.concurrency);
  return { existingOrders: tools.ordersThere, seeding: seeding!, restartSeconds };
}

/**
 * The plan's step at the size the stack is on and, at the same moment, on the twin stack at the
 * first size, `rounds` times after one round that is not counted. Each size's mean is compared.
 * Both stacks share the two CPUs, so each runs at about half the speed it would alone, and each
 * stack's own CPU per journey is kept beside its journeys/s.
 */
export async function measureBesideTwin(
  tools: StepTools,
  twin: TwinStack,
  plan: { withData: WithDataPlan },
  progress: (message: string) => void,
): Promise<{ steps: JourneyStepOutcome[]; comparison: FlatComparison }> {
  const { step, rounds } = plan.withData;
  const steps: JourneyStepOutcome[] = [];
  const smallRuns: SizeFigures[] = [];
  const largeRuns: SizeFigures[] = [];
  // Round 0 warms both stacks up together: the twin's Kafka started minutes ago, and a JVM's
  // compiler is still at work after a few hundred journeys (bench/README.md, "Kafka's warm-up").
  for (let round = 0; round <= rounds; round += 1) {
    progress(
      `order journeys with ${tools.ordersThere.toLocaleString('en-US')} orders there and, at the same time, on the twin stack with the first size, ${step.concurrency} at a time on each (${round === 0 ? 'round 0, not counted' : `round ${round} of ${rounds}`}, at most ${step.maxJourneys} or ${step.maxMs / 1000} s)`,
    );
    const [large, small] = await Promise.all([runJourneyStep(tools, step), twin.step()]);
    if (round === 0) continue;
    steps.push(large);
    largeRuns.push(figures(large));
    smallRuns.push(figures(small));
  }
  return { steps, comparison: compareFigures(smallRuns, largeRuns, step.concurrency) };
}

function figures(step: JourneyStepOutcome): SizeFigures {
  const journeys = Math.max(1, step.completed);
  return {
    existingOrders: step.ordersBefore,
    journeysPerSecond: rateOf(step.closed),
    offeredP99: Math.round(step.offered.p99),
    dbCommandsPerJourney: round1(step.usage.dbCommands / journeys),
    kafkaRecordsPerJourney: round1(step.usage.kafkaRecords / journeys),
    stackCpuMsPerJourney: round1(Object.values(step.usage.cpuMs).reduce((sum, ms) => sum + ms, 0) / journeys),
    cpuMsPerJourney: per(step.usage.cpuMs, journeys),
    foreignRecords: step.foreignRecords,
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Each figure's mean over the runs (of one size); the orders there are the first run's. */
export function meanFigures(runs: SizeFigures[]): SizeFigures {
  const processes = [...new Set(runs.flatMap((run) => Object.keys(run.cpuMsPerJourney)))];
  return {
    existingOrders: runs[0].existingOrders,
    journeysPerSecond: mean(runs.map((run) => run.journeysPerSecond)),
    offeredP99: Math.round(mean(runs.map((run) => run.offeredP99))),
    dbCommandsPerJourney: round1(mean(runs.map((run) => run.dbCommandsPerJourney))),
    kafkaRecordsPerJourney: round1(mean(runs.map((run) => run.kafkaRecordsPerJourney))),
    stackCpuMsPerJourney: round1(mean(runs.map((run) => run.stackCpuMsPerJourney))),
    cpuMsPerJourney: Object.fromEntries(processes.map((name) => [name, round1(mean(runs.map((run) => run.cpuMsPerJourney[name] ?? 0)))])),
    foreignRecords: runs.reduce((sum, run) => sum + run.foreignRecords, 0),
  };
}

/** The larger size's runs (their mean) against the first size's, run at the same moments. */
export function compareFigures(smallRuns: SizeFigures[], largeRuns: SizeFigures[], concurrency: number): FlatComparison {
  const small = meanFigures(smallRuns);
  const large = meanFigures(largeRuns);
  return {
    concurrency,
    small,
    large,
    smallRuns,
    largeRuns,
    journeysPerSecondChangePercent: round1(((large.journeysPerSecond - small.journeysPerSecond) / small.journeysPerSecond) * 100),
    dbCommandsPerJourneyChangePercent: round1(((large.dbCommandsPerJourney - small.dbCommandsPerJourney) / small.dbCommandsPerJourney) * 100),
  };
}
