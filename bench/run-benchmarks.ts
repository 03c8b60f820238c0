// `npm run bench [-- --quick] [-- --journey]`: event store, outbox sweeper, orders HTTP and
// whole-order-journey benchmarks against the real Kafka and MongoDB-compatible server on
// 127.0.0.1; writes bench/results/latest.json and exits non-zero when a target in
// bench/targets.ts is missed (goals are reported, not enforced).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchAppend } from './event-store-append.bench';
import { benchIdleRss, distWith, idleRssTable, STANDARD_VARIANTS } from './idle-rss.bench';
import { JourneyFacts } from './journey/journey-facts';
import { benchOrderJourneys } from './journey/journey.bench';
import { journeyReport } from './journey/journey-report';
import { benchInfra, BenchResources } from './lib/bench-infra';
import { EventStoreFixture, eventStoreFixture } from './lib/event-store-fixture';
import { BenchResult } from './lib/result';
import { benchSweeper } from './outbox-sweeper.bench';
import { benchOrdersHttp, HttpBenchOutput } from './place-order-http.bench';
import { BenchPlan, PLANS, withDataOnly } from './plan';
import { explainFind } from '@lantern/testing';
import { benchOrderToInbox } from './order-to-inbox.bench';
import { benchIdLookup, benchStreamIdFilter } from './query-plan.bench';
import { cpuLines, machineInfo, resultsTable, targetsTable, writeJson } from './report';
import { prepareStreams, benchStreamLoad } from './stream-load.bench';
import { checkTargets, enforcedMisses } from './targets';

const RESULTS_FILE = join(__dirname, 'results', 'latest.json');
/**
 * Nothing should take this long; if something hangs, fail instead of waiting forever. Meant for
 * a hang, not a slow machine: a quick run on 2 cores shared with test suites (load average 30)
 * takes over 10 minutes, most of it starting the services twice.
 */
const WATCHDOG_MS = { quick: 20 * 60_000, full: 50 * 60_000 };

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

interface ComponentRun {
  plan: BenchPlan;
  fixture: EventStoreFixture;
  resources: BenchResources;
  results: BenchResult[];
  seeding: { size: number; seconds: number }[];
  endPhase: (name: string) => void;
}

/** The event store, outbox sweeper, in-process orders HTTP and order → inbox benchmarks. */
async function runComponentBenchmarks({ plan, fixture, resources, results, seeding, endPhase }: ComponentRun) {
  let streams: string[] = [];
  for (const size of plan.eventSizes) {
    const seedStarted = performance.now();
    await fixture.growTo(size);
    seeding.push({ size: fixture.size, seconds: seconds(seedStarted) });
    progress(`events collection at ${fixture.size.toLocaleString('en-US')}: append, load, find({streamId})`);
    results.push(await benchAppend(fixture, plan.eventStore));
    streams = await prepareStreams(fixture);
    results.push(await benchStreamLoad(fixture, streams, plan.eventStore));
    results.push(await benchIdLookup(fixture, `${streams[0]}:1`, plan.eventStore));
    results.push(await benchStreamIdFilter(fixture, streams[0], plan.filterReference));
  }
  endPhase('eventStore');
  const evidence = {
    idLookup: await explainFind(fixture.connection, 'events', { _id: `${streams[0]}:1` }),
    streamIdFilter: await explainFind(fixture.connection, 'events', { streamId: streams[0] }),
  };

  progress('outbox sweeper');
  results.push(...(await benchSweeper(fixture, plan.sweeper)));
  endPhase('sweeper');

  progress('orders service over HTTP (booting it in-process)');
  const { results: httpResults, ...http } = await benchOrdersHttp(resources, plan.http);
  results.push(...httpResults);
  endPhase('http');

  progress('order → inbox, through Kafka (booting orders and notifications in-process)');
  results.push(await benchOrderToInbox(resources, plan.journey));
  endPhase('journey');
  return { evidence, http };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      journey: { type: 'boolean', default: false },
      'with-data': { type: 'boolean', default: false },
      rss: { type: 'boolean', default: false },
      'node-flags': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run bench [-- --quick] [-- --journey] [-- --rss [--node-flags="<flags>"]...]\n' +
        '  --quick       a short run that checks everything works; the default is the full run\n' +
        '  --journey     only the order-journey benchmark (the five services as processes)\n' +
        '  --with-data   only "flat with data": the order-journey benchmark with one step (the compared one) at each size of existing orders\n' +
        '  --rss         only the idle memory of the five services: from TypeScript (swc-node), from dist/, as npm start runs them\n' +
        '  --node-flags  with --rss: also from dist/ with these node flags (repeatable)\n',
    );
    return 0;
  }
  if (values.rss) return idleRss(values['node-flags'].map((flags) => distWith(flags.split(' ').filter(Boolean))));
  const journeyOnly = values.journey || values['with-data'];
  const plan = values['with-data'] ? withDataOnly(PLANS[values.quick ? 'quick' : 'full']) : PLANS[values.quick ? 'quick' : 'full'];
  benchInfra();
  const watchdog = setTimeout(() => {
    progress(`still running after ${WATCHDOG_MS[plan.mode] / 1000} s: giving up`);
    process.exit(3);
  }, WATCHDOG_MS[plan.mode]);
  watchdog.unref();

  const started = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const resources = new BenchResources();
  process.once('SIGINT', () => {
    progress('interrupted: cleaning up');
    void resources.closeAll().finally(() => process.exit(130));
  });

  const results: BenchResult[] = [];
  const seeding: { size: number; seconds: number }[] = [];
  /** Wall-clock seconds per part of the run. */
  const phases: Record<string, number> = {};
  let phaseStarted = performance.now();
  const endPhase = (name: string) => {
    phases[name] = seconds(phaseStarted);
    phaseStarted = performance.now();
  };
  let evidence: Record<string, string> = {};
  let database = 'unknown';
  let http: Omit<HttpBenchOutput, 'results'> | undefined;
  let journey: JourneyFacts | undefined;
  try {
    const fixture = await eventStoreFixture(resources);
    const info = (await fixture.connection.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
    database = info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion} (SQLite)` : `MongoDB ${info.version}`;
    progress(`${plan.mode} run${values['with-data'] ? ' (flat with data only)' : journeyOnly ? ' (order journeys only)' : ''} on ${machine.cpus} cpus, node ${machine.node}, ${database}`);
    if (!journeyOnly) ({ evidence, http } = await runComponentBenchmarks({ plan, fixture, resources, results, seeding, endPhase }));
    // The in-process services of the component benchmarks would otherwise keep consuming (and
    // paying for) the journeys' events: close everything before the five processes start.
    await resources.closeAll();

    progress('order journeys across the five services as processes');
    const journeys = await benchOrderJourneys(resources, plan.orderJourneys, progress);
    results.push(...journeys.results);
    journey = journeys.facts;
    endPhase('orderJourneys');
  } finally {
    await resources.closeAll();
    endPhase('cleanup');
  }

  const targets = checkTargets(results, {
    httpMemory: http && { beforeBootMB: http.memory.beforeBoot.rssMB, afterLoadMB: http.memory.afterLoad.rssMB },
    journey,
  });
  const report = {
    startedAt,
    mode: plan.mode,
    durationSeconds: seconds(started),
    phases,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100) },
    database,
    plan,
    seeding,
    evidence,
    http,
    journey,
    results,
    targets,
  };
  await writeJson(RESULTS_FILE, report);

  const out = process.stdout;
  out.write(`\nLantern benchmarks (${plan.mode}) — ${machine.cpus}× ${machine.cpuModel}, node ${machine.node}, ${database}\n`);
  out.write(`load average ${machine.loadAverageAtStart.join(' ')} at start, ${report.machine.loadAverageAtEnd.join(' ')} at end; ${report.durationSeconds} s in total (${Object.entries(phases).map(([name, value]) => `${name} ${value} s`).join(', ')})\n\n`);
  out.write(`${resultsTable(results)}\n\n`);
  if (evidence.idLookup) out.write(`query plans on events: find({_id}) → ${evidence.idLookup}; find({streamId}) → ${evidence.streamIdFilter}\n`);
  if (http) {
    const { beforeBoot, afterBoot, afterLoad } = http.memory;
    out.write(`CPU during the HTTP runs:\n${cpuLines(results).join('\n')}\n`);
    out.write(`orders service booted in ${http.bootSeconds} s; RSS ${beforeBoot.rssMB} MB before boot, ${afterBoot.rssMB} MB after, ${afterLoad.rssMB} MB after the load (heap ${afterLoad.heapUsedMB} MB)\n`);
  }
  if (journey) out.write(`\n${journeyReport(journey)}\n`);
  out.write(`\n${targetsTable(targets)}\n\nresults written to bench/results/latest.json\n`);
  const goalsMissed = targets.filter((target) => target.status === 'fail' && target.goal);
  if (goalsMissed.length > 0) out.write(`\n${goalsMissed.length} goal(s) not met yet (reported, not enforced): ${goalsMissed.map((target) => target.description).join('; ')}\n`);
  const missed = enforcedMisses(targets);
  if (missed.length > 0) {
    out.write(`\n${missed.length} target(s) missed:\n${missed.map((target) => `  - ${target.description}: ${target.measured} ${target.unit}, wanted ${target.comparison} ${target.threshold}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

/** `--rss`: idle memory per service and launch variant, all in this run; a table, no targets. */
async function idleRss(extraVariants: ReturnType<typeof distWith>[]): Promise<number> {
  benchInfra();
  const outcomes = await benchIdleRss([...STANDARD_VARIANTS, ...extraVariants], progress);
  await writeJson(join(__dirname, 'results', 'idle-rss.json'), { startedAt: new Date().toISOString(), machine: machineInfo(), outcomes });
  process.stdout.write(`\nIdle memory after /health/ready (+5 s), ${machineInfo().cpus} cpus, node ${process.versions.node}\n\n${idleRssTable(outcomes)}\n\nresults written to bench/results/idle-rss.json\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything was closed; if a handle still keeps the loop alive, say so and leave anyway.
    setTimeout(() => {
      progress('an open handle kept the process alive after the run; exiting');
      process.exit(code);
    }, 5_000).unref();
  },
  (error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
