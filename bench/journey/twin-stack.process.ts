// The twin stack's process, forked by twin-stack.ts with its own servers in KAFKA_BROKERS and
// MONGO_URL: it boots the five services as the bench does, grows them to the size asked, and
// runs the plan's step whenever the bench says so, beside the bench's own step.
import { BenchResources } from '../lib/bench-infra';
import { captureTemplates, growTo } from './flat-with-data';
import { runJourneyStep, StepTools, stepToolsFor, warmUp } from './journey-step';
import { changedLauncher, restartServiceStack, startServiceStack } from './service-processes';
import type { TwinReply, TwinRequest } from './twin-stack';

const resources = new BenchResources();
const reply = (message: TwinReply) => process.send!(message);
const progress = (message: string) => reply({ kind: 'progress', message });
let tools: StepTools | undefined;
let plan: Extract<TwinRequest, { kind: 'grow' }>['plan'] | undefined;

async function handle(request: TwinRequest): Promise<void> {
  if (request.kind === 'grow') {
    plan = request.plan;
    const stack = await startServiceStack(resources, request.launch ? changedLauncher(request.launch) : undefined);
    tools = await stepToolsFor(resources, stack, request.settleTimeoutMs, progress);
    await warmUp(tools, request.warmupJourneys);
    const { twinWarmupJourneys, warmupJourneys, step } = plan.withData;
    // It seeds as many orders fewer as the journeys below add.
    const extraJourneys = twinWarmupJourneys > 0 ? twinWarmupJourneys + warmupJourneys : 0;
    const grown = await growTo(tools, await captureTemplates(tools, progress), request.existingOrders - extraJourneys, plan, progress);
    if (twinWarmupJourneys > 0) await warmKafkaThenRestartServices(tools, twinWarmupJourneys, warmupJourneys, step.concurrency);
    reply({ kind: 'ready', outcome: { ...grown, existingOrders: tools.ordersThere } });
  } else if (request.kind === 'step') {
    if (!tools || !plan) throw new Error('asked for a step before growing');
    reply({ kind: 'stepped', step: await runJourneyStep(tools, plan.withData.step) });
  } else {
    await stop(0);
  }
}

/**
 * Journeys for the twin's new Kafka, then its services restarted and warmed up again as the
 * first stack's are after their seeding: the broker warm, the services no warmer than the first
 * stack's (with the journeys alone, they spent 1–3 ms less CPU a journey each than the first
 * stack's, bench/README.md, eleventh stop).
 */
async function warmKafkaThenRestartServices(tools: StepTools, kafkaJourneys: number, warmupJourneys: number, concurrency: number): Promise<void> {
  progress(`${kafkaJourneys} journeys for its Kafka, ${concurrency} at a time; then its services restarted and ${warmupJourneys} warm-up journeys again`);
  await warmUp(tools, kafkaJourneys, concurrency);
  await restartServiceStack(tools.stack, async () => undefined);
  await tools.lag.waitUntilCaughtUp(tools.settleTimeoutMs, 'the twin services started again', progress); // the groups have joined again
  await warmUp(tools, warmupJourneys, concurrency);
}

async function stop(code: number): Promise<never> {
  await resources.closeAll();
  process.exit(code);
}

process.on('message', (request: TwinRequest) => {
  handle(request).catch(async (error: unknown) => {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    await stop(1);
  });
});
// The bench gone (even killed): stop the services and drop the databases all the same.
process.on('disconnect', () => void stop(0));
