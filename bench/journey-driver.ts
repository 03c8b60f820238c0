// The journey driver: one step of the order-journey benchmark, alone, for A/B comparisons of a
// change (alternate the builds, run after run). It boots the five services as processes from
// this checkout's dist/ (as `npm start` does), plays 20 unmeasured journeys, then one step at
// a fixed concurrency, and prints one JSON line of per-journey figures: journeys/s (steady rate),
// database commands, Kafka records and requests, CPU milliseconds of each process and of the
// machine. Roughly a minute a run; `npm run bench -- --journey` is the judged measurement.
//
//   npm run build
//   KAFKA_BROKERS=… MONGO_URL=… node -r @swc-node/register bench/journey-driver.ts
//
// JOURNEYS_CONCURRENCY (16) and JOURNEYS_MS (25000) set the step; JOURNEYS_RATE=<journeys/s>
// starts journeys at that rate instead, whatever is in flight (as the bench's half-load step, at
// most JOURNEYS_CONCURRENCY in flight, default 64 then); JOURNEYS_DETAIL=1 adds the
// commands per journey by service, collection and command, the statements or documents each kind
// of write carried, the milliseconds a service waited on each, and the Kafka records and
// requests; JOURNEYS_CPU_PROFILE_DIR=<dir> has the services write V8 CPU profiles there.
import { runJourneysAtRate, runJourneyStep, stepToolsFor, warmUp } from './journey/journey-step';
import { startServiceStack } from './journey/service-processes';
import { per, StackUsage } from './journey/stack-usage';
import { BenchResources } from './lib/bench-infra';
import { rateOf } from './lib/measure';

const WARMUP_JOURNEYS = 20;
const SETTLE_MS = 30_000;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Per command kind (service collection command) that ran at least once every five journeys: the mean wait in ms. */
function waits(usage: StackUsage, journeys: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(usage.dbWaitMsByPair)
      .filter(([pair]) => usage.dbCommandsByPair[pair] > journeys * 0.2)
      .map(([pair, ms]) => [pair, round(ms / usage.dbCommandsByPair[pair], 2)] as const)
      .sort((a, b) => b[1] - a[1]),
  );
}

async function main(): Promise<void> {
  const rate = process.env.JOURNEYS_RATE ? Number(process.env.JOURNEYS_RATE) : undefined;
  const concurrency = Number(process.env.JOURNEYS_CONCURRENCY ?? (rate ? 64 : 16));
  const maxMs = Number(process.env.JOURNEYS_MS ?? 25_000);
  const resources = new BenchResources();
  try {
    const profileDir = process.env.JOURNEYS_CPU_PROFILE_DIR;
    // The children inherit the environment at spawn: the flag reaches the services only.
    if (profileDir) process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${profileDir}`;
    const stack = await startServiceStack(resources);
    if (profileDir) delete process.env.NODE_OPTIONS;
    const tools = await stepToolsFor(resources, stack, SETTLE_MS, (message) => process.stderr.write(`driver: ${message}\n`));
    await warmUp(tools, WARMUP_JOURNEYS);

    const step = rate
      ? await runJourneysAtRate(tools, { journeysPerSecond: rate, maxMs, maxInFlight: concurrency })
      : await runJourneyStep(tools, { concurrency, maxJourneys: Number.MAX_SAFE_INTEGER, maxMs });
    const { usage, completed: journeys } = step;
    const figures = {
      concurrency: step.concurrency,
      ...(step.arrivals ? { arrivals: step.arrivals } : {}),
      journeysPerSecond: round(rateOf(step.closed), 2),
      offeredMs: { p50: step.offered.p50, p99: step.offered.p99 },
      journeys,
      dbCommands: round(usage.dbCommands / journeys),
      kafkaRecords: round(usage.kafkaRecords / journeys),
      kafkaRequests: round(usage.kafkaRequests / journeys),
      cpuMs: per(usage.cpuMs as Record<string, number>, journeys),
      machineCpuMs: round(usage.machineCpuMs / journeys),
      foreignRecords: step.foreignRecords,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    if (process.env.JOURNEYS_DETAIL === '1') {
      const detail = {
        dbCommands: per(usage.dbCommandsByPair, journeys, 2),
        dbWriteItems: per(usage.dbWriteItemsByPair, journeys, 2),
        dbWaitMs: waits(usage, journeys),
        kafkaRecords: per(usage.kafkaRecordsByTopic, journeys, 2),
        kafkaRequests: per(usage.kafkaRequestsByPair, journeys, 2),
      };
      process.stdout.write(`${JSON.stringify(detail)}\n`);
    }
  } finally {
    await resources.closeAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`driver: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
