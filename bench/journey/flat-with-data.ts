// "Flat with data": the same journeys with 1,000 and with 50,000 orders already there must cost
// the same (journeys/s and database commands per journey within 20 %). The existing orders are
// copies of real journeys (journey-template.ts, seed-orders.ts), written while the services are
// stopped, so each size is measured on services that started with that data, as after a deploy.
import { performance } from 'node:perf_hooks';
import { withDeadline } from '../lib/deadline';
import { rateOf } from '../lib/measure';
import { VILLAGES } from './demo-principals';
import { captureJourneys, TemplateCapture } from './journey-template';
import { JourneyStepOutcome, JourneyStepPlan, StepTools, warmUp } from './journey-step';
import { runOrderJourney } from './order-journey';
import { restartServiceStack } from './service-processes';
import { SeedOutcome, seedOrders } from './seed-orders';
import { per } from './stack-usage';

export interface WithDataPlan {
  /**
   * Orders existing before the measurements. The first size is reached before the concurrency
   * steps (so they all run with that many orders there); each further size is reached after them
   * and measured with `step` alone, to compare with the step of the same concurrency at the first.
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
  large: SizeFigures;
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
  for (let village = 0; village < VILLAGES.length; village += 1) journeys.push(await runOrderJourney(tools.context, tools.nextIndex++));
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
  const copies = Math.max(0, existingOrders - tools.nextIndex - warmupJourneys);
  progress(`${copies.toLocaleString('en-US')} existing orders written into the stopped services' databases (to ${existingOrders.toLocaleString('en-US')})`);
  let seeding: SeedOutcome | undefined;
  const started = performance.now();
  await restartServiceStack(tools.stack, async () => {
    seeding = await seedOrders(capture.templates, copies, plan.withData.seedBudgetMs, progress);
    await tools.lag.skipBacklog(); // other runs' records of the minutes the services were down
  });
  const restartSeconds = Math.round(performance.now() - started) / 1000;
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the services started on the seeded databases', progress); // the groups have joined again
  tools.nextIndex += seeding!.orders;
  if (seeding!.orders < copies) progress(`  the seeding budget (${plan.withData.seedBudgetMs / 1000} s) ran out at ${seeding!.orders.toLocaleString('en-US')} of ${copies.toLocaleString('en-US')}`);
  progress(`  ${seeding!.documents.toLocaleString('en-US')} documents in ${seeding!.seconds} s; services stopped, seeded and ready again in ${restartSeconds} s; ${warmupJourneys} warm-up journeys, ${step.concurrency} at a time`);
  await warmUp(tools, warmupJourneys, step.concurrency);
  return { existingOrders: tools.nextIndex, seeding: seeding!, restartSeconds };
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

/** Each later size's step against the first size's step of the same concurrency. */
export function compareSizes(baseline: JourneyStepOutcome | undefined, later: JourneyStepOutcome[]): FlatComparison[] {
  if (!baseline) return [];
  const small = figures(baseline);
  return later.map((step) => {
    const large = figures(step);
    return {
      concurrency: step.concurrency,
      small,
      large,
      journeysPerSecondChangePercent: round1(((large.journeysPerSecond - small.journeysPerSecond) / small.journeysPerSecond) * 100),
      dbCommandsPerJourneyChangePercent: round1(((large.dbCommandsPerJourney - small.dbCommandsPerJourney) / small.dbCommandsPerJourney) * 100),
    };
  });
}
