// The twin driver: an A/B comparison that the machine's minutes cannot tilt. Two stacks of the
// five services run the same step at the same moment, round after round: A from this checkout as
// `npm start` runs it, on KAFKA_BROKERS / MONGO_URL; B on servers of its own (the test-twin
// profile, started and stopped here; bench/journey/twin-infra.ts), changed by TWIN_B_ROOT (another
// checkout, its dist/ built) and/or TWIN_B_NODE_FLAGS (added to the services' Node flags). With
// neither set, A against B is A against A: how far apart two identical stacks read.
//
//   npm run build
//   KAFKA_BROKERS=… MONGO_URL=… TWIN_B_NODE_FLAGS='--max-semi-space-size=4' node -r @swc-node/register bench/twin-driver.ts
//
// Both stacks grow to TWIN_ORDERS existing orders (1,000) and warm up with 120 journeys; B first
// runs TWIN_B_WARMUP_JOURNEYS (800) for its new Kafka and restarts its services. Then a round 0
// that is not counted, and TWIN_ROUNDS rounds (4) of the step at JOURNEYS_CONCURRENCY (8 on each)
// for up to JOURNEYS_MS (20,000). One JSON line per round, then one of the means; B's change in %.
// The machine is shared: each stack runs at about half the speed it would alone, and each side's
// own CPU per journey (its services, its driving process, its FerretDB and Kafka) is printed
// beside its journeys/s. Ten minutes or so a run.
import { captureTemplates, growTo, measureBesideTwin, WithDataPlan } from './journey/flat-with-data';
import { stepToolsFor, warmUp } from './journey/journey-step';
import { startServiceStack } from './journey/service-processes';
import { startTwinStack } from './journey/twin-stack';
import { BenchResources } from './lib/bench-infra';

const SETTLE_MS = 60_000;
const BOOT_WARMUP_JOURNEYS = 20;

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${process.env[name]} is not a number`);
  return value;
};
const percent = (b: number, a: number) => Math.round(((b - a) / a) * 1000) / 10;

async function main(): Promise<void> {
  const orders = numberFrom('TWIN_ORDERS', 1_000);
  const plan: { withData: WithDataPlan } = {
    withData: {
      sizes: [orders],
      step: { concurrency: numberFrom('JOURNEYS_CONCURRENCY', 8), maxJourneys: 100_000, maxMs: numberFrom('JOURNEYS_MS', 20_000) },
      rounds: Math.max(1, numberFrom('TWIN_ROUNDS', 4)),
      warmupJourneys: 120,
      seedBudgetMs: 30 * 60_000,
      // Its Kafka is new, A's has run thousands of journeys (flat-with-data.ts says more).
      twinWarmupJourneys: numberFrom('TWIN_B_WARMUP_JOURNEYS', 800),
    },
  };
  const launch = { ...(process.env.TWIN_B_ROOT ? { root: process.env.TWIN_B_ROOT } : {}), nodeFlags: (process.env.TWIN_B_NODE_FLAGS ?? '').split(' ').filter(Boolean) };
  const progress = (message: string) => process.stderr.write(`twin-driver: ${message}\n`);
  const resources = new BenchResources();
  try {
    const stack = await startServiceStack(resources);
    const tools = await stepToolsFor(resources, stack, SETTLE_MS, progress);
    await warmUp(tools, BOOT_WARMUP_JOURNEYS);
    const twin = await startTwinStack(resources, { existingOrders: orders, warmupJourneys: BOOT_WARMUP_JOURNEYS, settleTimeoutMs: SETTLE_MS, plan, launch }, progress);
    await Promise.all([growTo(tools, await captureTemplates(tools, progress), orders, plan, progress), twin.ready]);
    const { comparison } = await measureBesideTwin(tools, twin, plan, progress);
    // measureBesideTwin names its sides by size: "large" is this stack (A), "small" the twin (B).
    type Figures = (typeof comparison)['large'];
    const side = (figures: Figures) => ({ journeysPerSecond: Math.round(figures.journeysPerSecond * 100) / 100, dbCommands: figures.dbCommandsPerJourney, ownCpuMs: figures.stackCpuMsPerJourney, cpuMs: figures.cpuMsPerJourney });
    const changeOfB = (a: Figures, b: Figures) => ({ journeysPerSecond: percent(b.journeysPerSecond, a.journeysPerSecond), ownCpuMs: percent(b.stackCpuMsPerJourney, a.stackCpuMsPerJourney) });
    comparison.largeRuns.forEach((a, index) => {
      const b = comparison.smallRuns[index];
      console.log(JSON.stringify({ round: index + 1, a: side(a), b: side(b), bChangePercent: changeOfB(a, b) }));
    });
    const { large: a, small: b } = comparison;
    console.log(JSON.stringify({ means: { a: side(a), b: side(b) }, bLaunch: launch, bChangePercent: changeOfB(a, b) }));
  } finally {
    await resources.closeAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`twin-driver: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
