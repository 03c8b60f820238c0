import { uniqueName } from '@lantern/testing';
import { performance } from 'node:perf_hooks';
import { BenchResources } from '../lib/bench-infra';
import { measure, Stats, summarize } from '../lib/measure';
import { measureAtRate } from '../lib/measure-at-rate';
import { ConsumerLag } from './consumer-lag';
import { DemoPrincipals } from './demo-principals';
import { JourneyEvents } from './journey-events';
import { journeyHttp } from './journey-http';
import { JourneyContext, runOrderJourney } from './order-journey';
import { SERVICE_NAMES, ServiceStack } from './service-processes';
import { snapshotStack, StackUsage, usageBetween } from './stack-usage';

/** One load step: this many journeys in flight at once, until either limit is reached. */
export interface JourneyStepPlan {
  concurrency: number;
  maxJourneys: number;
  maxMs: number;
}

/** An open-loop step: journeys started at a fixed rate (measure-at-rate.ts), whatever is in flight. */
export interface JourneyRatePlan {
  journeysPerSecond: number;
  maxMs: number;
  /** At most this many journeys in flight; one held back still counts its wait. */
  maxInFlight: number;
}

export interface JourneyStepOutcome {
  /** Journeys in flight at once: the step's setting, or for an open-loop step the most there were. */
  concurrency: number;
  /** Set for an open-loop step: the journeys/s it started them at, and how many started late. */
  arrivals?: { journeysPerSecond: number; lateStarts: number };
  /** Orders in the services' databases before the step began (seeded ones included). */
  ordersBefore: number;
  /** Place → CLOSED, per journey; `perSecond` is journeys/s. */
  closed: Stats;
  /** Place → OFFERED (matching), per journey; in an open-loop step, from the journey's scheduled start. */
  offered: Stats;
  /** Journeys that reached CLOSED. */
  completed: number;
  httpCallsPerJourney: number;
  /** Everything the stack spent from the first journey until the last one's cascade was handled. */
  usage: StackUsage;
  /** How long the consumers took to catch up after the last journey closed, and whether they did. */
  settle: { caughtUp: boolean; waitedMs: number; pending: number };
  /** Records about orders of other runs or tests on the same broker (their cost is in `usage`). */
  foreignRecords: number;
}

export interface StepTools {
  stack: ServiceStack;
  /** What the run opened and closes at its end (more databases, for one). */
  resources: BenchResources;
  context: JourneyContext;
  lag: ConsumerLag;
  settleTimeoutMs: number;
  /** The next free journey number (journeys are numbered across steps and sets of databases). */
  nextIndex: number;
  /**
   * Orders in the databases the services are on now: seeded copies and this run's journeys there.
   * Not `nextIndex` once "flat with data" has moved the stack to a copy of its databases.
   */
  ordersThere: number;
  /** Where the run says what it is doing, and what it gave up waiting for. */
  progress: (message: string) => void;
}

/**
 * What steps on a started stack need: the bench's event watcher and the probe of the services'
 * consumer lag, resolved once the services have caught up after their start.
 */
export async function stepToolsFor(resources: BenchResources, stack: ServiceStack, settleTimeoutMs: number, progress: (message: string) => void): Promise<StepTools> {
  const events = await JourneyEvents.start(resources);
  const lag = await ConsumerLag.open(resources, SERVICE_NAMES.map((name) => stack[name].consumerGroup));
  await lag.waitUntilCaughtUp(settleTimeoutMs, 'the services after their start', progress);
  return {
    stack,
    resources,
    lag,
    settleTimeoutMs,
    nextIndex: 0,
    ordersThere: 0,
    progress,
    context: { orders: journeyHttp(stack.orders.url), matching: journeyHttp(stack.matching.url), events, principals: new DemoPrincipals(), run: uniqueName('j').slice(2) },
  };
}

/**
 * Counts `orders` more orders in the databases the services are on (journeys, or seeded copies),
 * and returns the first of the journey numbers they take.
 */
export function countOrders(tools: StepTools, orders: number): number {
  const first = tools.nextIndex;
  tools.nextIndex += orders;
  tools.ordersThere += orders;
  return first;
}

/**
 * Unmeasured journeys, `concurrency` at a time, and their cascade worked off: a fresh process pays
 * for lazy start-up in its first requests, and compiles its hot paths only after many of them.
 */
export async function warmUp(tools: StepTools, journeys: number, concurrency = 1): Promise<void> {
  const first = countOrders(tools, journeys);
  // The steps' closed loop (measure.ts), its timings unused: what counts is that every journey closed.
  const { errors, firstError } = await measure((index) => runOrderJourney(tools.context, first + index), { maxOps: journeys, maxMs: Number.POSITIVE_INFINITY, concurrency });
  if (errors > 0) throw new Error(`${errors} of ${journeys} warm-up journeys failed, the first with: ${firstError}`);
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the warm-up journeys', tools.progress);
}

export async function runJourneyStep(tools: StepTools, plan: JourneyStepPlan): Promise<JourneyStepOutcome> {
  return measuredStep(tools, `the step at ${plan.concurrency}`, async (journey) => ({
    concurrency: plan.concurrency,
    closed: await measure((index) => journey(index, performance.now()), { maxOps: plan.maxJourneys, maxMs: plan.maxMs, concurrency: plan.concurrency }),
  }));
}

/**
 * Journeys started at `plan.journeysPerSecond` whatever those before them are doing, as residents
 * place orders: what a resident waits at that load, queue included (measure-at-rate.ts).
 */
export async function runJourneysAtRate(tools: StepTools, plan: JourneyRatePlan): Promise<JourneyStepOutcome> {
  return measuredStep(tools, `the step at ${plan.journeysPerSecond} journeys/s`, async (journey) => {
    const closed = await measureAtRate(journey, { perSecond: plan.journeysPerSecond, maxMs: plan.maxMs, maxInFlight: plan.maxInFlight });
    return { concurrency: closed.mostInFlight, arrivals: { journeysPerSecond: plan.journeysPerSecond, lateStarts: closed.lateStarts }, closed };
  });
}

/** Runs the journeys `load` starts, and what they cost the stack until their cascade was worked off. */
async function measuredStep(
  tools: StepTools,
  what: string,
  load: (journey: (index: number, startFrom: number) => Promise<void>) => Promise<Pick<JourneyStepOutcome, 'concurrency' | 'arrivals' | 'closed'>>,
): Promise<JourneyStepOutcome> {
  const { stack, context, lag } = tools;
  const ordersBefore = tools.ordersThere;
  const first = tools.nextIndex;
  const offeredMs: number[] = [];
  let httpCalls = 0;
  await context.events.takeForeignRecords();
  const before = await snapshotStack(stack);
  // `startFrom`: when the journey should have started; a late start counts in its wait for the offer.
  const { concurrency, arrivals, closed } = await load(async (index, startFrom) => {
    const lateMs = performance.now() - startFrom;
    const timing = await runOrderJourney(context, first + index);
    offeredMs.push(lateMs + timing.offeredMs);
    httpCalls += timing.httpCalls;
  });
  countOrders(tools, closed.ops);
  const settle = await lag.waitUntilCaughtUp(tools.settleTimeoutMs, `the cascade of ${what}`, tools.progress);
  const usage = usageBetween(before, await snapshotStack(stack));
  const completed = closed.ops - closed.errors;
  return {
    concurrency,
    ...(arrivals ? { arrivals } : {}),
    ordersBefore,
    closed,
    offered: summarize(offeredMs, 0, closed.seconds * 1000),
    completed,
    httpCallsPerJourney: Math.round((httpCalls / Math.max(1, completed)) * 10) / 10,
    usage,
    settle,
    foreignRecords: await context.events.takeForeignRecords(),
  };
}
