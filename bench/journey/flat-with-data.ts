// "Flat with data": the same journeys with 1,000 and with 50,000 orders already there must cost
// the same (journeys/s and database commands per journey within 20 %). The existing orders are
// copies of real journeys (journey-template.ts, seed-orders.ts), written while the services are
// stopped, so each size is measured on services that started with that data, as after a deploy.
// A larger size is measured three times in turn with the first: larger, first, larger again, on
// two sets of databases (the first size's kept as a copy), so that a slow minute of this shared
// machine falls on both sizes alike rather than on whichever ran last.
import { dropDatabases } from '@lantern/testing';
import { performance } from 'node:perf_hooks';
import { withDeadline } from '../lib/deadline';
import { rateOf } from '../lib/measure';
import { VILLAGES } from './demo-principals';
import { copyDatabases, CopyOutcome } from './database-copy';
import { captureJourneys, TemplateCapture } from './journey-template';
import { countOrders, JourneyStepOutcome, JourneyStepPlan, runJourneyStep, StepTools, warmUp } from './journey-step';
import { runOrderJourney } from './order-journey';
import { databasesOf, restartServiceStack, SERVICE_NAMES, StackDatabases } from './service-processes';
import { SeedOutcome, seedOrders } from './seed-orders';
import { per } from './stack-usage';

export interface WithDataPlan {
  /**
   * Orders existing before the measurements. The first size is reached before the concurrency
   * steps (so they all run with that many orders there), and its databases are copied when
   * further sizes follow; each further size is reached after the steps, and `step` runs at it,
   * on the first size's copy, and at it again (measureBesideFirst).
   */
  sizes: number[];
  step: JourneyStepPlan;
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
}

export interface SizeOutcome {
  existingOrders: number;
  seeding: SeedOutcome;
  /** Stop, seed, start again until every /health/ready answers. */
  restartSeconds: number;
  /** The first size, when further sizes follow: its databases copied (services stopped), to measure it again beside them. */
  copy?: CopyOutcome;
}

/** One set of the five services' databases, and the orders in it. */
export interface DatabaseSet {
  databases: StackDatabases;
  orders: number;
}

interface SizeFigures {
  existingOrders: number;
  journeysPerSecond: number;
  offeredP99: number;
  dbCommandsPerJourney: number;
  kafkaRecordsPerJourney: number;
  /**
   * CPU ms per journey, the machine's and each process's (FerretDB's and Kafka's when they run
   * here): beside journeys/s, they tell a stack that works harder with more data from a machine
   * that gave it less CPU that minute (steps minutes apart on a shared 2-core machine). A process
   * whose work does not depend on the data (the bench's own client, Kafka) shows the machine.
   */
  machineCpuMsPerJourney: number;
  cpuMsPerJourney: Record<string, number>;
  foreignRecords: number;
}

export interface FlatComparison {
  concurrency: number;
  small: SizeFigures;
  /** The mean of `largeRuns`: one run before the first size's and one after it, so that a steady drift of the machine cancels out. */
  large: SizeFigures;
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
 * the plan's unmeasured warm-up journeys, which count too. With `keepCopy`, the databases are also
 * copied as seeded (before the warm-up), to measure this size again later (measureBesideFirst).
 */
export async function growTo(
  tools: StepTools,
  capture: TemplateCapture,
  existingOrders: number,
  plan: { withData: WithDataPlan },
  progress: (message: string) => void,
  keepCopy = false,
): Promise<{ outcome: SizeOutcome; firstSet?: DatabaseSet }> {
  const { warmupJourneys, step } = plan.withData;
  const copies = Math.max(0, existingOrders - tools.ordersThere - warmupJourneys);
  progress(`${copies.toLocaleString('en-US')} existing orders written into the stopped services' databases (to ${existingOrders.toLocaleString('en-US')})`);
  let seeding: SeedOutcome | undefined;
  let copy: { outcome: CopyOutcome; set: DatabaseSet } | undefined;
  const started = performance.now();
  await restartServiceStack(tools.stack, async () => {
    seeding = await seedOrders(capture.templates, copies, plan.withData.seedBudgetMs, progress);
    await tools.lag.skipBacklog(); // other runs' records of the minutes the services were down
    if (keepCopy) copy = await copyOfDatabases(tools, tools.ordersThere + seeding.orders, progress);
  });
  const restartSeconds = Math.round(performance.now() - started) / 1000;
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the services started on the seeded databases', progress); // the groups have joined again
  countOrders(tools, seeding!.orders);
  if (seeding!.orders < copies) progress(`  the seeding budget (${plan.withData.seedBudgetMs / 1000} s) ran out at ${seeding!.orders.toLocaleString('en-US')} of ${copies.toLocaleString('en-US')}`);
  progress(`  ${seeding!.documents.toLocaleString('en-US')} documents in ${seeding!.seconds} s; services stopped, seeded and ready again in ${restartSeconds} s; ${warmupJourneys} warm-up journeys, ${step.concurrency} at a time`);
  await warmUp(tools, warmupJourneys, step.concurrency);
  return { outcome: { existingOrders: tools.ordersThere, seeding: seeding!, restartSeconds, ...(copy ? { copy: copy.outcome } : {}) }, ...(copy ? { firstSet: copy.set } : {}) };
}

/** While the services are stopped: their databases copied under names of their own, dropped when the run ends. */
async function copyOfDatabases(tools: StepTools, orders: number, progress: (message: string) => void): Promise<{ outcome: CopyOutcome; set: DatabaseSet }> {
  const from = databasesOf(tools.stack);
  const databases = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `${from[name]}_first`])) as StackDatabases;
  tools.resources.onClose('the copy of the first size\'s databases', () => dropDatabases(...Object.values(databases)));
  const outcome = await copyDatabases(SERVICE_NAMES.map((name) => ({ from: from[name], to: databases[name] })));
  progress(`  copied as they are (${orders.toLocaleString('en-US')} orders), to measure this size again beside the larger ones: ${outcome.documents.toLocaleString('en-US')} documents in ${outcome.seconds} s`);
  return { outcome, set: { databases, orders } };
}

/**
 * Restarts the services on `set`'s databases (what other runs published meanwhile skipped) and
 * warms them up as after a seeding. Returns the set they left, to come back to. Both sets share
 * the consumer groups: every step ends with the groups caught up, so neither set has records
 * waiting for it, and each holds only its own journeys.
 */
async function switchTo(tools: StepTools, set: DatabaseSet, plan: { withData: WithDataPlan }, progress: (message: string) => void): Promise<DatabaseSet> {
  const { warmupJourneys, step } = plan.withData;
  const left: DatabaseSet = { databases: databasesOf(tools.stack), orders: tools.ordersThere };
  const started = performance.now();
  await restartServiceStack(tools.stack, () => tools.lag.skipBacklog(), set.databases);
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the services started on the other databases', progress);
  tools.ordersThere = set.orders;
  progress(`  services on the databases with ${set.orders.toLocaleString('en-US')} orders, ready in ${Math.round(performance.now() - started) / 1000} s; ${warmupJourneys} warm-up journeys, ${step.concurrency} at a time`);
  await warmUp(tools, warmupJourneys, step.concurrency);
  return left;
}

/**
 * The plan's step at the size the stack is on, on `firstSet` (the first size's copy), and at the
 * size again: each after a restart and the same warm-up. A slow few minutes of the machine then
 * weigh on both sizes, and a steady drift cancels out in the mean of the two larger runs. Returns
 * the steps in the order run, the comparison, and the first size's set as it is now.
 */
export async function measureBesideFirst(
  tools: StepTools,
  firstSet: DatabaseSet,
  plan: { withData: WithDataPlan },
  progress: (message: string) => void,
): Promise<{ steps: JourneyStepOutcome[]; comparison: FlatComparison; firstSet: DatabaseSet }> {
  const { step } = plan.withData;
  const run = (which: string) => {
    progress(`order journeys with ${tools.ordersThere.toLocaleString('en-US')} orders there (${which}), ${step.concurrency} at a time (at most ${step.maxJourneys} or ${step.maxMs / 1000} s)`);
    return runJourneyStep(tools, step);
  };
  const largeBefore = await run('this size, 1 of 2');
  const grown = await switchTo(tools, firstSet, plan, progress);
  const small = await run('the first size, between');
  const firstAfter = await switchTo(tools, grown, plan, progress);
  const largeAfter = await run('this size, 2 of 2');
  return { steps: [largeBefore, small, largeAfter], comparison: compareBesideFirst(small, [largeBefore, largeAfter]), firstSet: firstAfter };
}

function figures(step: JourneyStepOutcome): SizeFigures {
  const journeys = Math.max(1, step.completed);
  return {
    existingOrders: step.ordersBefore,
    journeysPerSecond: rateOf(step.closed),
    offeredP99: Math.round(step.offered.p99),
    dbCommandsPerJourney: round1(step.usage.dbCommands / journeys),
    kafkaRecordsPerJourney: round1(step.usage.kafkaRecords / journeys),
    machineCpuMsPerJourney: round1(step.usage.machineCpuMs / journeys),
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
    machineCpuMsPerJourney: round1(mean(runs.map((run) => run.machineCpuMsPerJourney))),
    cpuMsPerJourney: Object.fromEntries(processes.map((name) => [name, round1(mean(runs.map((run) => run.cpuMsPerJourney[name] ?? 0)))])),
    foreignRecords: runs.reduce((sum, run) => sum + run.foreignRecords, 0),
  };
}

/** The larger size's runs (their mean) against the first size's run between them. */
export function compareFigures(small: SizeFigures, largeRuns: SizeFigures[], concurrency: number): FlatComparison {
  const large = meanFigures(largeRuns);
  return {
    concurrency,
    small,
    large,
    largeRuns,
    journeysPerSecondChangePercent: round1(((large.journeysPerSecond - small.journeysPerSecond) / small.journeysPerSecond) * 100),
    dbCommandsPerJourneyChangePercent: round1(((large.dbCommandsPerJourney - small.dbCommandsPerJourney) / small.dbCommandsPerJourney) * 100),
  };
}

const compareBesideFirst = (small: JourneyStepOutcome, large: JourneyStepOutcome[]) => compareFigures(figures(small), large.map(figures), small.concurrency);
