import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuMs } from './process-stats';
import { countersSince, scrapeCounters, ServiceCounters, total } from './service-counters';
import { SERVICE_NAMES, ServiceName, ServiceStack } from './service-processes';

/** The five services' counters and CPU time, and the machine's, at one moment. */
export interface StackSnapshot {
  at: number;
  counters: Record<ServiceName, ServiceCounters>;
  cpuMs: Record<ServiceName | 'bench', number>;
  machineBusyMs: number;
}

function machineBusyMs(): number {
  return os.cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
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
  kafkaRecords: number;
  kafkaRecordsByTopic: Record<string, number>;
  cpuMs: Record<ServiceName | 'bench', number>;
  /** Every process on the machine (FerretDB and Kafka included). */
  machineCpuMs: number;
}

export function usageBetween(before: StackSnapshot, after: StackSnapshot): StackUsage {
  const usage: StackUsage = {
    seconds: (after.at - before.at) / 1000,
    dbCommands: 0,
    dbCommandsByService: {} as Record<ServiceName, number>,
    dbCommandsByPair: {},
    kafkaRecords: 0,
    kafkaRecordsByTopic: {},
    cpuMs: {} as StackUsage['cpuMs'],
    machineCpuMs: after.machineBusyMs - before.machineBusyMs,
  };
  for (const name of SERVICE_NAMES) {
    const spent = countersSince(after.counters[name], before.counters[name]);
    usage.dbCommandsByService[name] = total(spent.dbCommands);
    usage.dbCommands += usage.dbCommandsByService[name];
    for (const [pair, count] of Object.entries(spent.dbCommands)) usage.dbCommandsByPair[`${name} ${pair}`] = count;
    for (const [topic, count] of Object.entries(spent.kafkaRecords)) {
      usage.kafkaRecordsByTopic[topic] = (usage.kafkaRecordsByTopic[topic] ?? 0) + count;
      usage.kafkaRecords += count;
    }
  }
  for (const name of [...SERVICE_NAMES, 'bench'] as const) usage.cpuMs[name] = after.cpuMs[name] - before.cpuMs[name];
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
