// The whole order journey across the five services, each its own process as `npm start` runs
// them: what a journey costs (database commands, Kafka records, CPU per process), how many
// journeys per second the stack sustains at fixed concurrency, what it spends idle, and how far
// that is from what the database server, the broker and plain HTTP can do on the same machine.
import { performance } from 'node:perf_hooks';
import { BenchResources } from '../lib/bench-infra';
import { generateLoad } from '../lib/http-load';
import { Budget, rateOf } from '../lib/measure';
import { BenchResult } from '../lib/result';
import { measureCeilings } from './ceilings';
import { captureTemplates, FlatComparison, growTo, measureBesideTwin, SizeOutcome, WithDataPlan } from './flat-with-data';
import { measureIdleWindow } from './idle-window';
import { bestStepOf, JourneyFacts, ReadFacts, readFacts, summarizeJourneys } from './journey-facts';
import { JourneyStepOutcome, JourneyStepPlan, runJourneysAtRate, runJourneyStep, StepTools, stepToolsFor, warmUp } from './journey-step';
import { TemplateCapture } from './journey-template';
import { CEILING_CLIENTS } from './mongo-ceiling';
import { rssMB } from './process-stats';
import { SERVICE_NAMES, ServiceName, startServiceStack } from './service-processes';
import { snapshotStack, usageBetween } from './stack-usage';
import { startTwinStack, TwinStack } from './twin-stack';

export interface JourneyPlan {
  /** Unmeasured journeys first: the first requests of a fresh process pay for lazy start-up. */
  warmupJourneys: number;
  steps: JourneyStepPlan[];
  /**
   * After the steps: journeys started at half the best step's journeys/s for `maxMs`, at most
   * `maxInFlight` at once, for place → offered at half load. None when absent.
   */
  halfLoad?: { maxMs: number; maxInFlight: number };
  /** How long the consumers may take to work off a step's cascade before it is measured anyway. */
  settleTimeoutMs: number;
  idleWindowMs: number;
  /** GET /v1/catalogue and GET /v1/stations against the orders process, 16 clients. */
  reads: Budget;
  /** Each of the raw database, Kafka and HTTP ceilings, 16 clients. */
  ceilings: Budget;
  /** Orders already there: the steps run with the first size, `withData.step` again at each further one. */
  withData: WithDataPlan;
}

export interface JourneyBenchOutput {
  results: BenchResult[];
  facts: JourneyFacts;
}

const rssOf = (pids: Record<ServiceName, number>) => Object.fromEntries(SERVICE_NAMES.map((name) => [name, rssMB(pids[name])])) as Record<ServiceName, number>;

function stepResult(step: JourneyStepOutcome, withData = false): BenchResult {
  return {
    id: withData ? 'journey.order-with-data' : 'journey.order',
    label: withData ? `order journey with ${step.ordersBefore.toLocaleString('en-US')} orders there` : 'order journey: place → CLOSED (five processes)',
    concurrency: step.concurrency,
    stats: step.closed,
    extra: { ordersBefore: step.ordersBefore, offered: step.offered, foreignRecords: step.foreignRecords, settle: step.settle },
  };
}

function halfLoadResult(step: JourneyStepOutcome): BenchResult {
  return {
    id: 'journey.order-half-load',
    label: `order journeys started at ${step.arrivals?.journeysPerSecond} per second (half the best), whatever is in flight`,
    concurrency: step.concurrency,
    stats: step.closed,
    extra: { arrivals: step.arrivals, offered: step.offered, foreignRecords: step.foreignRecords, settle: step.settle },
  };
}

/** The open-loop step at half the best step's journeys/s (journey-step.ts, runJourneysAtRate). */
async function runHalfLoad(tools: StepTools, plan: JourneyPlan, steps: JourneyStepOutcome[], progress: (message: string) => void): Promise<JourneyStepOutcome | undefined> {
  const best = bestStepOf(steps);
  if (!plan.halfLoad || !best) return undefined;
  // Two decimals: the rate is printed and compared, and 5.123456 journeys/s says nothing more.
  const journeysPerSecond = Math.round((rateOf(best.closed) / 2) * 100) / 100;
  progress(`order journeys started at ${journeysPerSecond}/s, half the best, for ${plan.halfLoad.maxMs / 1000} s`);
  return runJourneysAtRate(tools, { journeysPerSecond, ...plan.halfLoad });
}

export async function benchOrderJourneys(resources: BenchResources, plan: JourneyPlan, progress: (message: string) => void): Promise<JourneyBenchOutput> {
  // The ceilings first, while no service runs: the most the machine can give.
  const ceilings = await measureCeilings(resources, plan.ceilings, progress);

  progress('starting the five services as processes (as npm start does)');
  const bootStarted = performance.now();
  const stack = await startServiceStack(resources);
  const bootSeconds = Math.round(performance.now() - bootStarted) / 1000;
  const pidsNow = () => Object.fromEntries(SERVICE_NAMES.map((name) => [name, stack[name].pid])) as Record<ServiceName, number>;
  const tools = await stepToolsFor(resources, stack, plan.settleTimeoutMs, progress);
  const rssIdleMB = rssOf(pidsNow());
  progress(`services up in ${bootSeconds} s; ${plan.warmupJourneys} warm-up journey(s)`);
  await warmUp(tools, plan.warmupJourneys);

  // Flat with data: the first size is reached here, between the boot and the steps (which record
  // the orders there before each of them, `ordersBefore`); further sizes are reached after the
  // steps and measured beside a twin stack at the first size.
  const [firstSize, ...laterSizes] = plan.withData.sizes;
  let capture: TemplateCapture | undefined;
  const sizes: SizeOutcome[] = [];
  if (firstSize !== undefined) {
    capture = await captureTemplates(tools, progress);
    sizes.push(await growTo(tools, capture, firstSize, plan, progress));
  }

  const steps: JourneyStepOutcome[] = [];
  for (const step of plan.steps) {
    progress(`order journeys, ${step.concurrency} at a time (at most ${step.maxJourneys} or ${step.maxMs / 1000} s)`);
    steps.push(await runJourneyStep(tools, step));
  }
  const halfLoadStep = await runHalfLoad(tools, plan, steps, progress);

  progress(`GET /v1/catalogue and /v1/stations, ${CEILING_CLIENTS} clients`);
  const readBudget = { ...plan.reads, concurrency: CEILING_CLIENTS };
  const reads: BenchResult[] = [];
  const readsFacts: ReadFacts[] = [];
  for (const [id, path] of [['journey.get-catalogue', '/v1/catalogue'], ['journey.get-stations', '/v1/stations']] as const) {
    const before = await snapshotStack(stack);
    const { stats, statuses } = await generateLoad(stack.orders.url, { method: 'GET', paths: [path], expectStatus: 200, budget: readBudget });
    const read = readFacts(path, rateOf(stats), usageBetween(before, await snapshotStack(stack)));
    readsFacts.push(read);
    reads.push({ id, label: `GET ${path} (orders process)`, concurrency: CEILING_CLIENTS, stats, extra: { statuses, cpuCores: read.cpuCores } });
  }

  await tools.lag.waitUntilCaughtUp(plan.settleTimeoutMs, 'the reads', progress);
  progress(`idle: ${plan.idleWindowMs / 1000} s with no load`);
  await tools.context.events.takeForeignRecords();
  const idle = await measureIdleWindow(stack, plan.idleWindowMs);
  const idleForeignRecords = await tools.context.events.takeForeignRecords();
  const rssAfterLoadMB = rssOf(pidsNow());

  const laterSteps: JourneyStepOutcome[] = [];
  const comparisons: FlatComparison[] = [];
  // The twin boots and grows to the first size while this stack is stopped and seeded to the next
  // size: neither is measured meanwhile. Without a twin no comparison is made, and the report says why.
  let twinFailure: string | undefined;
  let twinSize: SizeOutcome | undefined;
  const twin = laterSizes.length === 0 ? undefined : await startTwin(resources, firstSize!, plan, progress).catch((error: unknown) => void (twinFailure = messageOf(error)));
  for (const size of laterSizes) {
    if (!twin) break;
    const [grown, twinReady] = await Promise.allSettled([growTo(tools, capture!, size, plan, progress), twin.ready]);
    if (grown.status === 'rejected') throw grown.reason;
    sizes.push(grown.value);
    if (twinReady.status === 'rejected') {
      twinFailure = messageOf(twinReady.reason);
      break;
    }
    twinSize = twinReady.value;
    const measured = await measureBesideTwin(tools, twin, plan, progress);
    laterSteps.push(...measured.steps);
    comparisons.push(measured.comparison);
  }
  if (twinFailure) progress(`flat with data not compared: ${twinFailure}`);
  const withData = capture && { documentsPerOrder: capture.perJourney, sharedCollections: capture.shared, sizes, ...(twinSize ? { twin: twinSize } : {}), ...(twinFailure ? { twinFailure } : {}), comparisons };

  const facts = summarizeJourneys({ bootSeconds, pids: pidsNow(), rssIdleMB, rssAfterLoadMB, steps, halfLoadStep, idle, idleForeignRecords, ceilings, reads: readsFacts, withData });
  return {
    results: [...steps.map((step) => stepResult(step)), ...(halfLoadStep ? [halfLoadResult(halfLoadStep)] : []), ...laterSteps.map((step) => stepResult(step, true)), ...reads, ...ceilings],
    facts,
  };
}

/** A second stack, on servers of its own, grown to the first size (twin-stack.ts). */
function startTwin(resources: BenchResources, firstSize: number, plan: JourneyPlan, progress: (message: string) => void): Promise<TwinStack> {
  return startTwinStack(resources, { existingOrders: firstSize, warmupJourneys: plan.warmupJourneys, settleTimeoutMs: plan.settleTimeoutMs, plan: { withData: plan.withData } }, progress);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
