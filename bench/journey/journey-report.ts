import os from 'node:os';
import { rateOf } from '../lib/measure';
import { table } from '../report';
import { CEILING_ROUNDS } from './ceilings';
import { FlatComparison, SizeOutcome } from './flat-with-data';
import { JourneyFacts } from './journey-facts';
import { SERVICE_NAMES } from './service-processes';
import { INFRA_NAMES } from './stack-usage';

const ms = (value: number) => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const number = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '-');
const listed = (values: Record<string, number>, unit = '') => Object.entries(values).map(([key, value]) => `${key} ${number(value)}${unit}`).join(', ');
const SHORT: Record<string, string> = { orders: 'ord', matching: 'match', volunteers: 'vol', 'charity-sales': 'char', notifications: 'notif', bench: 'bench', ferretdb: 'ferret', kafka: 'kafka' };

/** The journey benchmark as text: one row per concurrency step, then what a journey costs. */
export function journeyReport(facts: JourneyFacts): string {
  const cpuColumns = [...SERVICE_NAMES, 'bench', ...INFRA_NAMES] as const;
  const steps = table(
    ['conc', 'journeys', 'err', 'j/s', 'j/s run', 'offered p50', 'p99', 'closed p50', 'p99', 'db/j', 'kafka/j', 'http/j', ...cpuColumns.map((name) => `cpu ms/j ${SHORT[name]}`), 'machine', 'foreign'],
    facts.steps.map((step) => [
      String(step.concurrency),
      String(step.completed),
      String(step.closed.errors),
      rateOf(step.closed).toFixed(2),
      step.closed.perSecond.toFixed(2),
      ms(step.offered.p50),
      ms(step.offered.p99),
      ms(step.closed.p50),
      ms(step.closed.p99),
      number(step.usage.dbCommands / Math.max(1, step.completed)),
      number(step.usage.kafkaRecords / Math.max(1, step.completed)),
      number(step.httpCallsPerJourney),
      ...cpuColumns.map((name) => number((step.usage.cpuMs[name] ?? NaN) / Math.max(1, step.completed))),
      number(step.usage.machineCpuMs / Math.max(1, step.completed)),
      String(step.foreignRecords),
    ]),
    new Set(),
  );
  const { perJourney, idle, ceilings, composite, halfLoad } = facts;
  const loadLine = ({ insert, find, update, bestStepMachineCores }: JourneyFacts['loads']) =>
    [
      ...(
        [
          ['insertOne', insert],
          ['findOne', find],
          ['updateOne', update],
        ] as const
      ).flatMap(([name, load]) => (load ? [`${name} ${number(load.machineCores)} of ${load.cores}${load.ferretdbCpuMsPerOp === undefined ? '' : ` (FerretDB ${load.ferretdbCpuMsPerOp} ms CPU per operation)`}`] : [])),
      `the best journey step ${number(bestStepMachineCores)} of ${os.cpus().length}`,
    ].join(', ');
  const unsettled = facts.steps.filter((step) => !step.settle.caughtUp);
  return [
    `Order journeys: five service processes (booted in ${facts.bootSeconds} s), demo data; latencies in ms, per-journey costs include the cascade each step caused`,
    steps,
    '',
    `Per journey (${perJourney.journeys} journeys of the steps at ${perJourney.countedSteps.join(', ')} concurrent): ${number(perJourney.dbCommands)} database commands (${listed(perJourney.dbCommandsByService)}); ${number(perJourney.kafkaRecords)} Kafka records (${listed(perJourney.kafkaRecordsByTopic)})`,
    `  CPU ms per journey: ${listed(perJourney.cpuMs)}; whole machine ${number(perJourney.machineCpuMs)}`,
    `  Kafka requests per journey: ${number(perJourney.kafkaRequests)} (${perJourney.kafkaRequestsByPair.map(([pair, count]) => `${pair} ${number(count)}`).join(', ')})`,
    `  database writes per journey: ${number(perJourney.dbWrites.updateStatements)} update and ${number(perJourney.dbWrites.deleteStatements)} delete statements (on FerretDB a commit each), ${number(perJourney.dbWrites.insertedDocuments)} documents in ${number(perJourney.dbWrites.insertCommands)} inserts (a commit each)`,
    '  top database commands per journey (service collection command), the statements or documents a write carried, and the ms the service waited on them:',
    ...perJourney.topDbCommands.map(
      ([pair, count]) =>
        `    ${pair.padEnd(48)} ${number(count).padStart(6)} ${(perJourney.dbWriteItemsByPair[pair] === undefined ? '' : number(perJourney.dbWriteItemsByPair[pair])).padStart(8)} ${ms(perJourney.dbWaitMsByPair[pair] ?? NaN).padStart(8)} ms`,
    ),
    `Idle (${idle.seconds} s, no load): ${number(idle.dbCommandsPerSecond)} database commands/s (${listed(idle.dbCommandsPerSecondByService)}), ${number(idle.kafkaRecordsPerSecond)} Kafka records/s, ${number(idle.kafkaRequestsPerSecond)} Kafka requests/s`,
    `  top: ${idle.topDbCommandsPerSecond.map(([pair, rate]) => `${pair} ${number(rate)}/s`).join(', ') || 'none'}`,
    `  CPU % of one core: ${listed(idle.cpuPercent, '%')}`,
    `RSS MB idle → after load: ${SERVICE_NAMES.map((name) => `${name} ${facts.rssIdleMB[name]} → ${facts.rssAfterLoadMB[name]}`).join(', ')}`,
    `Ceilings (16 clients, best of ${CEILING_ROUNDS} rounds each): database insertOne ${number(ceilings.dbInsertsPerSecond)}/s, findOne({_id}) ${number(ceilings.dbFindsPerSecond)}/s, updateOne({_id}) ${number(ceilings.dbUpdatesPerSecond)}/s; Kafka sends ${number(ceilings.kafkaSendsPerSecond)}/s; bare HTTP ${number(ceilings.httpRequestsPerSecond)} req/s`,
    `  the whole machine's CPU in cores while they ran (best round): ${loadLine(facts.loads)}`,
    `Composite ceiling: ${number(composite.byInsertCeiling)} journeys/s by the insert ceiling (${number(composite.byFindCeiling)} by findOne), limited by ${composite.limitedBy}; best ${number(composite.bestJourneysPerSecond)} journeys/s at ${composite.bestConcurrency} concurrent = ${number(composite.percentOfCeiling)}% of it`,
    `  at the best step a journey cost the machine ${ms(composite.machineCpuMs.bestStep)} ms of CPU (FerretDB ${ms(composite.machineCpuMs.bestStepFerretdb)}); for 50% at the same busy cores it may cost ${ms(composite.machineCpuMs.forHalfTheCeiling)}`,
    `  by the journey's command mix instead (${listed(composite.commandsByKind)} per journey, each at its kind's raw speed; not the target's measure): ${number(composite.byCommandMix)} journeys/s; best = ${number(composite.percentOfCommandMix)}% of it`,
    ...facts.reads.map((read) => `Reads, CPU in cores while GET ${read.path} ran (${number(read.perSecond)} req/s): ${listed(read.cpuCores)}; whole machine ${number(read.machineCores)} of ${os.cpus().length}`),
    ...halfLoadLines(halfLoad),
    ...withDataLines(facts),
    ...(idle.foreignRecords > 0 ? [`NOTE: ${idle.foreignRecords} records of other runs or tests reached the topics during the idle window; the services handled them, so it was not idle`] : []),
    ...(facts.foreignRecords > 0 ? [`NOTE: ${facts.foreignRecords} records of other runs or tests reached the topics during the steps; the services handled them too, so those steps' counts are inflated (the per-journey figures leave them out when another step was clean)`] : []),
    ...(unsettled.length > 0 ? [`NOTE: the consumers had not caught up after the step(s) at ${unsettled.map((step) => step.concurrency).join(', ')} concurrent; some cost fell outside them`] : []),
  ].join('\n');
}

/** place → offered at half the best load: the open-loop step, and the concurrency step nearest it as earlier runs judged it. */
function halfLoadLines({ atRate, nearestStep }: JourneyFacts['halfLoad']): string[] {
  return [
    ...(atRate
      ? [
          `place → offered at half the best load, journeys started at ${number(atRate.journeysPerSecond)}/s whatever was in flight (${atRate.journeys} journeys, ${number(atRate.achievedPerSecond)} closed/s, at most ${atRate.mostInFlight} in flight, ${atRate.lateStarts} started late): p50 ${ms(atRate.offeredP50)} ms, p99 ${ms(atRate.offeredP99)} ms`,
        ]
      : []),
    `  the concurrency step nearest half the best load (${nearestStep.concurrency} concurrent, ${number(nearestStep.journeysPerSecond)} journeys/s): p99 ${ms(nearestStep.offeredP99)} ms`,
  ];
}

/** Flat with data: what each seeded order copies, how long seeding took, each size against the first. */
function withDataLines({ withData }: JourneyFacts): string[] {
  if (!withData) return [];
  const signed = (value: number) => `${value > 0 ? '+' : ''}${number(value)}%`;
  const cpuOf = (size: FlatComparison['small']) =>
    `, its own processes' CPU ${ms(size.stackCpuMsPerJourney)} ms/journey (${Object.entries(size.cpuMsPerJourney)
      .map(([name, cpu]) => `${name} ${ms(cpu)}`)
      .join(', ')})`;
  const grown = (size: SizeOutcome, whose = '') =>
    `  ${whose}to ${number(size.existingOrders)} orders: ${number(size.seeding.orders)} seeded, ${number(size.seeding.documents)} documents in ${number(size.seeding.seconds)} s (${number(size.seeding.documents / Math.max(0.001, size.seeding.seconds))}/s); stop + seed + start ${number(size.restartSeconds)} s`;
  return [
    `Existing orders (copies of real journeys, written while the services were stopped): ${listed(withData.documentsPerOrder)} documents per order${withData.sharedCollections.length > 0 ? `; shared, not copied: ${withData.sharedCollections.join(', ')}` : ''}`,
    ...withData.sizes.map((size) => grown(size)),
    ...(withData.twin ? [grown(withData.twin, 'the twin stack (servers of its own): ')] : []),
    ...(withData.twinFailure ? [`NOTE: flat with data not compared: ${withData.twinFailure}`] : []),
    ...withData.comparisons.flatMap(({ concurrency, small, large, smallRuns, largeRuns, journeysPerSecondChangePercent, dbCommandsPerJourneyChangePercent }) => {
      const run = (size: FlatComparison['small']) =>
        `${number(size.existingOrders)} orders there → ${number(size.journeysPerSecond)} journeys/s, ${number(size.dbCommandsPerJourney)} db commands and ${number(size.kafkaRecordsPerJourney)} Kafka records/journey, offered p99 ${ms(size.offeredP99)} ms${cpuOf(size)}${size.foreignRecords > 0 ? ` [foreign records: ${size.foreignRecords}]` : ''}`;
      return [
        `Flat with data, ${concurrency} concurrent on each of two stacks at the same time (the machine shared between them):`,
        ...largeRuns.flatMap((large, index) => [`  round ${index + 1}: ${run(large)}`, `           ${run(smallRuns[index])}`]),
        `  means: ${number(large.journeysPerSecond)} against ${number(small.journeysPerSecond)} journeys/s (${signed(journeysPerSecondChangePercent)}), ${number(large.dbCommandsPerJourney)} against ${number(small.dbCommandsPerJourney)} db commands (${signed(dbCommandsPerJourneyChangePercent)}), own CPU ${ms(large.stackCpuMsPerJourney)} against ${ms(small.stackCpuMsPerJourney)} ms/journey`,
      ];
    }),
  ];
}
