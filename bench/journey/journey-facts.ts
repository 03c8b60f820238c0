import { rateOf } from '../lib/measure';
import { BenchResult } from '../lib/result';
import { CommandKind, commandsByKind, journeysPerSecondByCommandMix, KindCeilings } from './command-mix-ceiling';
import { WithDataFacts } from './flat-with-data';
import { JourneyStepOutcome } from './journey-step';
import { CeilingLoad } from './mongo-ceiling';
import { ServiceName } from './service-processes';
import { largest, MeteredName, per, StackUsage } from './stack-usage';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A speed is judged only on a step that ran this long (the quick run just checks it all works). */
const SUSTAINED_SECONDS = 5;

/** The journey benchmark's findings, for the report and the targets. */
export interface JourneyFacts {
  bootSeconds: number;
  pids: Record<ServiceName, number>;
  rssIdleMB: Record<ServiceName, number>;
  rssAfterLoadMB: Record<ServiceName, number>;
  /**
   * Per journey, over the steps no other run's record reached (over every step if none was
   * clean): on a shared broker, another run's events are handled by these services too.
   */
  perJourney: {
    /** The concurrency of the steps counted. */
    countedSteps: number[];
    journeys: number;
    dbCommands: number;
    dbCommandsByService: Record<string, number>;
    /** `service collection command` → commands per journey, largest first. */
    topDbCommands: [string, number][];
    /** The same pairs → milliseconds waited on them per journey. */
    dbWaitMsByPair: Record<string, number>;
    /** The same pairs (write commands) → update and delete statements and inserted documents they carried per journey. */
    dbWriteItemsByPair: Record<string, number>;
    /**
     * Per journey: update and delete statements (on FerretDB, a commit each), and inserted
     * documents with the insert commands that carried them (a commit per command).
     */
    dbWrites: { updateStatements: number; deleteStatements: number; insertCommands: number; insertedDocuments: number };
    kafkaRecords: number;
    kafkaRecordsByTopic: Record<string, number>;
    /** Requests the services sent the broker (produce, fetch, commit, heartbeat…). */
    kafkaRequests: number;
    /** `service client api` → requests per journey, largest first. */
    kafkaRequestsByPair: [string, number][];
    cpuMs: Record<string, number>;
    machineCpuMs: number;
  };
  steps: JourneyStepOutcome[];
  idle: {
    seconds: number;
    dbCommandsPerSecond: number;
    dbCommandsPerSecondByService: Record<string, number>;
    topDbCommandsPerSecond: [string, number][];
    kafkaRecordsPerSecond: number;
    kafkaRequestsPerSecond: number;
    /** % of one core. */
    cpuPercent: Record<string, number>;
    /** Records of other runs or tests the services handled during the window (then it was not idle). */
    foreignRecords: number;
  };
  ceilings: KindCeilings & { kafkaSendsPerSecond: number; httpRequestsPerSecond: number };
  /**
   * How busy the machine was during the best round of each database ceiling, and during the best
   * journey step: the journeys are judged against the insert ceiling, so whether each used the
   * machine's CPU to the full says what bounded it.
   */
  loads: { insert?: CeilingLoad; find?: CeilingLoad; update?: CeilingLoad; bestStepMachineCores: number };
  /**
   * The journeys/s the database and the broker would allow at this journey's cost: the lower of
   * (database ops/s ÷ commands per journey) and (Kafka sends/s ÷ records per journey).
   */
  composite: {
    byInsertCeiling: number;
    byFindCeiling: number;
    limitedBy: 'database' | 'kafka';
    bestJourneysPerSecond: number;
    bestConcurrency: number;
    /** Best journeys/s as % of the composite ceiling (insert ceiling: the conservative one). */
    percentOfCeiling: number;
    /** Commands per journey by the raw kind they are timed as (command-mix-ceiling.ts). */
    commandsByKind: Record<CommandKind, number>;
    /** The lower of the Kafka bound and the journeys/s each command at its kind's raw speed allows. */
    byCommandMix: number;
    /** Best journeys/s as % of byCommandMix: shown beside percentOfCeiling, not judged. */
    percentOfCommandMix: number;
    /**
     * What a journey cost the machine at the best step (CPU ms, FerretDB's part of it), and what it
     * could cost for the best step to reach half the composite ceiling, were the machine as busy:
     * the ratio's gap in the unit a change is measured in.
     */
    machineCpuMs: { bestStep: number; bestStepFerretdb: number; forHalfTheCeiling: number };
  };
  /**
   * The two reads, with the CPU each process spent while they ran, in cores: what bounds a read
   * (orders is one JavaScript thread) and what else took the machine's two cores then.
   */
  reads: ReadFacts[];
  /**
   * place → offered at half the best journeys/s: the open-loop step that started journeys at that
   * rate (journey-step.ts, runJourneysAtRate), absent when none ran. Beside it, as earlier runs
   * judged it, the concurrency step whose throughput was nearest half the best: with steps of 1,
   * 4, 8 and 16 that ran at 43 % and 62 % of the best in two runs of 2026-12-04, and the step at 4
   * at up to 87 %. `sustained`: the open-loop step ran long enough to be judged.
   */
  halfLoad: {
    atRate?: { journeysPerSecond: number; achievedPerSecond: number; journeys: number; offeredP50: number; offeredP99: number; mostInFlight: number; lateStarts: number; sustained: boolean };
    nearestStep: { concurrency: number; journeysPerSecond: number; offeredP99: number };
  };
  foreignRecords: number;
  /** Whether the steps ran long enough for their speed to be judged. */
  sustained: boolean;
  /** Flat with data: what was seeded, and the same step at each size compared. */
  withData?: WithDataFacts;
}

export interface ReadFacts {
  path: string;
  perSecond: number;
  cpuCores: Partial<Record<MeteredName, number>>;
  machineCores: number;
}

/** A read's figures from its usage: CPU ms over the seconds it ran, as cores. */
export function readFacts(path: string, perSecond: number, usage: StackUsage): ReadFacts {
  const cores = (cpuMs: number) => round(cpuMs / 1000 / usage.seconds);
  return {
    path,
    perSecond,
    cpuCores: Object.fromEntries(Object.entries(usage.cpuMs).map(([name, cpuMs]) => [name, cores(cpuMs ?? 0)])),
    machineCores: cores(usage.machineCpuMs),
  };
}

/** The sum over `service collection command` keys whose command is this one. */
const sumOf = (byPair: Record<string, number>, command: string) =>
  Object.entries(byPair).reduce((sum, [pair, value]) => (pair.endsWith(` ${command}`) ? sum + value : sum), 0);

function sumUsage(usages: StackUsage[]): StackUsage {
  const add = (into: Record<string, number>, from: Partial<Record<string, number>>) => {
    for (const [key, value] of Object.entries(from)) if (value !== undefined) into[key] = (into[key] ?? 0) + value;
  };
  const sum: StackUsage = { seconds: 0, dbCommands: 0, dbCommandsByService: {} as StackUsage['dbCommandsByService'], dbCommandsByPair: {}, dbWaitMsByPair: {}, dbWriteItemsByPair: {}, kafkaRecords: 0, kafkaRecordsByTopic: {}, kafkaRequests: 0, kafkaRequestsByPair: {}, cpuMs: {} as StackUsage['cpuMs'], machineCpuMs: 0 };
  for (const usage of usages) {
    sum.seconds += usage.seconds;
    sum.dbCommands += usage.dbCommands;
    sum.kafkaRecords += usage.kafkaRecords;
    sum.kafkaRequests += usage.kafkaRequests;
    sum.machineCpuMs += usage.machineCpuMs;
    add(sum.dbCommandsByService, usage.dbCommandsByService);
    add(sum.dbCommandsByPair, usage.dbCommandsByPair);
    add(sum.dbWaitMsByPair, usage.dbWaitMsByPair);
    add(sum.dbWriteItemsByPair, usage.dbWriteItemsByPair);
    add(sum.kafkaRecordsByTopic, usage.kafkaRecordsByTopic);
    add(sum.kafkaRequestsByPair, usage.kafkaRequestsByPair);
    add(sum.cpuMs, usage.cpuMs);
  }
  return sum;
}

/** A ceiling's rate: steady, like the journeys' (measure.ts, steadyRate). */
const perSecondOf = (results: BenchResult[], id: string) => {
  const result = results.find((candidate) => candidate.id === id);
  return result ? rateOf(result.stats) : NaN;
};

/** How busy the machine was during a database ceiling's best round (mongo-ceiling.ts). */
const loadOf = (results: BenchResult[], id: string) => results.find((result) => result.id === id)?.extra?.load as CeilingLoad | undefined;

/** A step's journeys/s while all its journeys were in flight, not counting its drain (measure.ts, steadyRate). */
const journeysPerSecond = (step: JourneyStepOutcome) => rateOf(step.closed);

/** The step with the most journeys/s. */
export const bestStepOf = (steps: JourneyStepOutcome[]): JourneyStepOutcome | undefined => [...steps].sort((a, b) => journeysPerSecond(b) - journeysPerSecond(a))[0];

function halfLoadAtRate(step: JourneyStepOutcome): NonNullable<JourneyFacts['halfLoad']['atRate']> {
  return {
    journeysPerSecond: step.arrivals?.journeysPerSecond ?? NaN,
    achievedPerSecond: step.closed.perSecond,
    journeys: step.completed,
    offeredP50: step.offered.p50,
    offeredP99: step.offered.p99,
    mostInFlight: step.concurrency,
    lateStarts: step.arrivals?.lateStarts ?? 0,
    sustained: step.closed.seconds >= SUSTAINED_SECONDS,
  };
}

export function summarizeJourneys(input: {
  bootSeconds: number;
  pids: Record<ServiceName, number>;
  rssIdleMB: Record<ServiceName, number>;
  rssAfterLoadMB: Record<ServiceName, number>;
  steps: JourneyStepOutcome[];
  /** The open-loop step at half the best journeys/s, when one ran. */
  halfLoadStep?: JourneyStepOutcome;
  idle: StackUsage;
  idleForeignRecords: number;
  ceilings: BenchResult[];
  reads: ReadFacts[];
  withData?: WithDataFacts;
}): JourneyFacts {
  const { steps, idle, ceilings } = input;
  const clean = steps.filter((step) => step.foreignRecords === 0);
  const counted = clean.length > 0 ? clean : steps;
  const all = sumUsage(counted.map((step) => step.usage));
  const journeys = counted.reduce((sum, step) => sum + step.completed, 0);
  const perJourney = (value: number) => round(value / Math.max(1, journeys));
  const dbCommands = perJourney(all.dbCommands);
  const kafkaRecords = perJourney(all.kafkaRecords);

  const ceiling = {
    dbInsertsPerSecond: perSecondOf(ceilings, 'ceiling.db-insert'),
    dbFindsPerSecond: perSecondOf(ceilings, 'ceiling.db-find'),
    dbUpdatesPerSecond: perSecondOf(ceilings, 'ceiling.db-update'),
    kafkaSendsPerSecond: perSecondOf(ceilings, 'ceiling.kafka-send'),
    httpRequestsPerSecond: perSecondOf(ceilings, 'ceiling.http'),
  };
  const byKafka = ceiling.kafkaSendsPerSecond / kafkaRecords;
  const byInsert = ceiling.dbInsertsPerSecond / dbCommands;
  const byFind = ceiling.dbFindsPerSecond / dbCommands;
  const best = bestStepOf(steps);
  const bestJourneysPerSecond = best ? journeysPerSecond(best) : 0;
  const compositeByInsert = Math.min(byInsert, byKafka);
  const byKind = commandsByKind(per(all.dbCommandsByPair, journeys));
  const compositeByMix = Math.min(journeysPerSecondByCommandMix(byKind, ceiling), byKafka);
  const half = [...steps].sort((a, b) => Math.abs(journeysPerSecond(a) - bestJourneysPerSecond / 2) - Math.abs(journeysPerSecond(b) - bestJourneysPerSecond / 2))[0];

  return {
    bootSeconds: input.bootSeconds,
    pids: input.pids,
    rssIdleMB: input.rssIdleMB,
    rssAfterLoadMB: input.rssAfterLoadMB,
    perJourney: {
      countedSteps: counted.map((step) => step.concurrency),
      journeys,
      dbCommands,
      dbCommandsByService: per(all.dbCommandsByService, journeys),
      topDbCommands: largest(per(all.dbCommandsByPair, journeys), 40),
      dbWaitMsByPair: per(all.dbWaitMsByPair, journeys),
      dbWriteItemsByPair: per(all.dbWriteItemsByPair, journeys),
      dbWrites: {
        updateStatements: perJourney(sumOf(all.dbWriteItemsByPair, 'update')),
        deleteStatements: perJourney(sumOf(all.dbWriteItemsByPair, 'delete')),
        insertCommands: perJourney(sumOf(all.dbCommandsByPair, 'insert')),
        insertedDocuments: perJourney(sumOf(all.dbWriteItemsByPair, 'insert')),
      },
      kafkaRecords,
      kafkaRecordsByTopic: per(all.kafkaRecordsByTopic, journeys),
      kafkaRequests: perJourney(all.kafkaRequests),
      kafkaRequestsByPair: largest(per(all.kafkaRequestsByPair, journeys), 20),
      cpuMs: per(all.cpuMs, journeys),
      machineCpuMs: perJourney(all.machineCpuMs),
    },
    steps,
    idle: {
      seconds: round(idle.seconds),
      dbCommandsPerSecond: round(idle.dbCommands / idle.seconds),
      dbCommandsPerSecondByService: per(idle.dbCommandsByService, idle.seconds),
      topDbCommandsPerSecond: largest(per(idle.dbCommandsByPair, idle.seconds), 10),
      kafkaRecordsPerSecond: round(idle.kafkaRecords / idle.seconds),
      kafkaRequestsPerSecond: round(idle.kafkaRequests / idle.seconds),
      cpuPercent: per(idle.cpuMs, idle.seconds * 10),
      foreignRecords: input.idleForeignRecords,
    },
    ceilings: ceiling,
    loads: {
      insert: loadOf(ceilings, 'ceiling.db-insert'),
      find: loadOf(ceilings, 'ceiling.db-find'),
      update: loadOf(ceilings, 'ceiling.db-update'),
      bestStepMachineCores: best ? round(best.usage.machineCpuMs / 1000 / best.usage.seconds, 2) : 0,
    },
    composite: {
      byInsertCeiling: round(compositeByInsert),
      byFindCeiling: round(Math.min(byFind, byKafka)),
      limitedBy: byInsert <= byKafka ? 'database' : 'kafka',
      bestJourneysPerSecond,
      bestConcurrency: best?.concurrency ?? 0,
      percentOfCeiling: round((bestJourneysPerSecond / compositeByInsert) * 100),
      commandsByKind: byKind,
      byCommandMix: round(compositeByMix),
      percentOfCommandMix: round((bestJourneysPerSecond / compositeByMix) * 100),
      machineCpuMs: {
        bestStep: best ? round(best.usage.machineCpuMs / Math.max(1, best.completed)) : NaN,
        bestStepFerretdb: best ? round((best.usage.cpuMs.ferretdb ?? NaN) / Math.max(1, best.completed)) : NaN,
        forHalfTheCeiling: best ? round(best.usage.machineCpuMs / best.usage.seconds / (compositeByInsert / 2)) : NaN,
      },
    },
    reads: input.reads,
    halfLoad: {
      ...(input.halfLoadStep ? { atRate: halfLoadAtRate(input.halfLoadStep) } : {}),
      nearestStep: { concurrency: half?.concurrency ?? 0, journeysPerSecond: half ? journeysPerSecond(half) : 0, offeredP99: half?.offered.p99 ?? NaN },
    },
    foreignRecords: steps.reduce((sum, step) => sum + step.foreignRecords, 0),
    sustained: (best?.closed.seconds ?? 0) >= SUSTAINED_SECONDS,
    withData: input.withData,
  };
}
