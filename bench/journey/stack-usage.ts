import { performance } from 'node:perf_hooks';
import { benchInfra } from '../lib/bench-infra';
import { cpuMs, listenerPid, machineBusyMs } from './process-stats';
import { countersSince, scrapeCounters, ServiceCounters, total } from './service-counters';
import { SERVICE_NAMES, ServiceName, ServiceStack } from './service-processes';

/** The database and the broker, metered like the services when they run on this machine. */
export const INFRA_NAMES = ['ferretdb', 'kafka'] as const;
export type InfraName = (typeof INFRA_NAMES)[number];
/** Whose CPU time a run meters: the services, the bench itself, and the servers it talks to. */
export type MeteredName = ServiceName | 'bench' | InfraName;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The port of `host:port` (or of a URL) when it is this machine's, else undefined. */
function localPort(address: string): number | undefined {
  const { hostname, port } = new URL(address.includes('://') ? address : `tcp://${address}`);
  return LOCAL_HOSTS.has(hostname) && port ? Number(port) : undefined;
}

let infraPidsFound: Partial<Record<InfraName, number>> | undefined;

/**
 * FerretDB's and Kafka's processes, found once by the ports the bench talks to (each is one
 * process here); left out when they run elsewhere. Where a journey's machine time goes besides
 * the services is the question the composite-ceiling ratio raises.
 */
export function infraPids(): Partial<Record<InfraName, number>> {
  if (!infraPidsFound) {
    const { mongoUrl, kafkaBrokers } = benchInfra();
    const ports: Record<InfraName, number | undefined> = { ferretdb: localPort(mongoUrl.replace(/^mongodb(\+srv)?:/, 'tcp:')), kafka: localPort(kafkaBrokers[0]) };
    infraPidsFound = {};
    for (const name of INFRA_NAMES) {
      const pid = ports[name] === undefined ? undefined : listenerPid(ports[name]);
      if (pid !== undefined) infraPidsFound[name] = pid;
    }
  }
  return infraPidsFound;
}

/** The five services' counters and CPU time, and the machine's, at one moment. */
export interface StackSnapshot {
  at: number;
  counters: Record<ServiceName, ServiceCounters>;
  /** The servers' entries only when infraPids found them. */
  cpuMs: Partial<Record<MeteredName, number>>;
  machineBusyMs: number;
}

export async function snapshotStack(stack: ServiceStack): Promise<StackSnapshot> {
  const scraped = await Promise.all(SERVICE_NAMES.map((name) => scrapeCounters(stack[name].url)));
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    counters: Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, scraped[index]])) as StackSnapshot['counters'],
    cpuMs: {
      ...(Object.fromEntries(SERVICE_NAMES.map((name) => [name, cpuMs(stack[name].pid)])) as Record<ServiceName, number>),
      bench: (usage.user + usage.system) / 1000,
      ...Object.fromEntries(Object.entries(infraPids()).map(([name, pid]) => [name, cpuMs(pid)])),
    },
    machineBusyMs: machineBusyMs(),
  };
}

/** What the stack spent between two snapshots. */
export interface StackUsage {
  seconds: number;
  dbCommands: number;
  dbCommandsByService: Record<ServiceName, number>;
  /** By `service collection command`. */
  dbCommandsByPair: Record<string, number>;
  /** Milliseconds the services waited on those commands, by the same key. */
  dbWaitMsByPair: Record<string, number>;
  /** Update and delete statements and inserted documents those commands carried, by the same key (write commands only). */
  dbWriteItemsByPair: Record<string, number>;
  kafkaRecords: number;
  kafkaRecordsByTopic: Record<string, number>;
  kafkaRequests: number;
  /** By `service client api`, e.g. `matching consumer Fetch`. */
  kafkaRequestsByPair: Record<string, number>;
  cpuMs: Partial<Record<MeteredName, number>>;
  /** Every process on the machine (FerretDB and Kafka included). */
  machineCpuMs: number;
}

export function usageBetween(before: StackSnapshot, after: StackSnapshot): StackUsage {
  const usage: StackUsage = {
    seconds: (after.at - before.at) / 1000,
    dbCommands: 0,
    dbCommandsByService: {} as Record<ServiceName, number>,
    dbCommandsByPair: {},
    dbWaitMsByPair: {},
    dbWriteItemsByPair: {},
    kafkaRecords: 0,
    kafkaRecordsByTopic: {},
    kafkaRequests: 0,
    kafkaRequestsByPair: {},
    cpuMs: {} as StackUsage['cpuMs'],
    machineCpuMs: after.machineBusyMs - before.machineBusyMs,
  };
  for (const name of SERVICE_NAMES) {
    const spent = countersSince(after.counters[name], before.counters[name]);
    usage.dbCommandsByService[name] = total(spent.dbCommands);
    usage.dbCommands += usage.dbCommandsByService[name];
    for (const [pair, count] of Object.entries(spent.dbCommands)) usage.dbCommandsByPair[`${name} ${pair}`] = count;
    for (const [pair, waited] of Object.entries(spent.dbWaitMs)) usage.dbWaitMsByPair[`${name} ${pair}`] = waited;
    for (const [pair, items] of Object.entries(spent.dbWriteItems)) usage.dbWriteItemsByPair[`${name} ${pair}`] = items;
    for (const [topic, count] of Object.entries(spent.kafkaRecords)) {
      usage.kafkaRecordsByTopic[topic] = (usage.kafkaRecordsByTopic[topic] ?? 0) + count;
      usage.kafkaRecords += count;
    }
    for (const [pair, count] of Object.entries(spent.kafkaRequests)) usage.kafkaRequestsByPair[`${name} ${pair}`] = count;
    usage.kafkaRequests += total(spent.kafkaRequests);
  }
  for (const name of [...SERVICE_NAMES, 'bench', ...INFRA_NAMES] as const) {
    const [from, to] = [before.cpuMs[name], after.cpuMs[name]];
    if (from !== undefined && to !== undefined) usage.cpuMs[name] = to - from;
  }
  return usage;
}

/** Each number of a record divided by `by`, rounded to `digits`. */
export function per(values: Record<string, number>, by: number, digits = 1): Record<string, number> {
  const scale = 10 ** digits;
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Math.round((value / by) * scale) / scale]));
}

/** The `count` largest entries, largest first. */
export function largest(values: Record<string, number>, count: number): [string, number][] {
  return Object.entries(values)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}
