// The five services as separate processes, started the way `npm start` starts them: through
// infra/local/service-process.js, node on the compiled dist/services/<name>/src/main.js.
import { deadLetterTopicFor, retryTopicFor } from '@lantern/contracts';
import { createKafka } from '@lantern/messaging';
import { dropDatabases, freePort, uniqueName } from '@lantern/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, serviceCommand } from '../../infra/local/service-process';
import { benchInfra, BenchResources } from '../lib/bench-infra';

export const LOG_DIR = join(__dirname, '..', 'results', 'journey-logs');
const READY_DEADLINE_MS = 180_000;
const READY_POLL_MS = 250;
const TERM_GRACE_MS = 10_000;
const KILL_WAIT_MS = 5_000;

/** The services and their demo data, as infra/local/lantern.mjs starts them. */
export const SERVICE_NAMES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
const SEEDED: ReadonlySet<ServiceName> = new Set(['orders', 'matching']);

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  pid: number;
  database: string;
  consumerGroup: string;
  logFile: string;
  child: ChildProcess;
}

export type ServiceStack = Record<ServiceName, ServiceProcess>;

/** How a service process is launched: by default as `npm start` launches it (serviceCommand). */
export type ServiceLauncher = (name: ServiceName) => { command: string; args: string[]; cwd: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL for whoever is still there after the grace period. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) if (!exited(child)) child.kill('SIGTERM');
  const stopped = await Promise.all(children.map((child) => waitForExit(child, TERM_GRACE_MS)));
  const stubborn = children.filter((_, index) => !stopped[index]);
  for (const child of stubborn) child.kill('SIGKILL');
  await Promise.all(stubborn.map((child) => waitForExit(child, KILL_WAIT_MS)));
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitReady(service: ServiceProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (exited(service.child)) throw new Error(`${service.name} exited (${service.child.signalCode ?? service.child.exitCode}) while starting:\n${logTail(service.logFile)}`);
    try {
      const response = await fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(`${service.name} was not ready within ${READY_DEADLINE_MS / 1000} s:\n${logTail(service.logFile)}`);
}

/** How the services of an A/B comparison differ from `npm start`'s: another checkout's built dist/, more Node flags. */
export interface LaunchChange {
  /** A checkout whose dist/ is built: its services run instead of this one's. */
  root?: string;
  /** Added after the usual flags (so they win where both set the same one). */
  nodeFlags?: string[];
}

/** serviceCommand with `change` applied. */
export function changedLauncher(change: LaunchChange): ServiceLauncher {
  return (name) => {
    const usual = serviceCommand(name);
    const entry = usual.args.at(-1)!;
    return { command: usual.command, args: [...usual.args.slice(0, -1), ...(change.nodeFlags ?? []), entry], cwd: change.root ?? usual.cwd };
  };
}

/**
 * Starts the five services, each on a free port with a database and a consumer group of its own
 * for this run (the group starts at the end of the topics: no other run's backlog), and resolves
 * once every /health/ready answers 200. Stopping them, dropping the databases and deleting the
 * groups with their retry and dead-letter topics is left to `resources`; if this process exits
 * any other way, the children are killed with it.
 */
export async function startServiceStack(resources: BenchResources, launch: ServiceLauncher = serviceCommand): Promise<ServiceStack> {
  const { kafkaBrokers, mongoUrl } = benchInfra();
  await ensureBuilt(); // a no-op when dist/ is fresh
  mkdirSync(LOG_DIR, { recursive: true });
  const run = uniqueName('run').slice(4);
  const services = await Promise.all(
    SERVICE_NAMES.map(async (name) => ({ name, port: await freePort(), database: `bench_${name.replace(/-/g, '_')}_${run}`, consumerGroup: `bench-${name}-${run}` })),
  );

  resources.onClose('bench databases, consumer groups and their topics', async () => {
    await dropDatabases(...services.map((service) => service.database));
    const admin = createKafka({ clientId: uniqueName('bench-cleanup'), brokers: kafkaBrokers }).admin();
    await admin.connect();
    try {
      const groups = services.map((service) => service.consumerGroup);
      await admin.deleteGroups(groups).catch(() => undefined);
      await admin.deleteTopics({ topics: groups.flatMap((group) => [retryTopicFor(group), deadLetterTopicFor(group)]) }).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  });

  const children: ChildProcess[] = [];
  const killOnExit = () => children.forEach((child) => !exited(child) && child.kill('SIGKILL'));
  process.on('exit', killOnExit);
  resources.onClose('the five service processes', async () => {
    await stopAll(children);
    process.off('exit', killOnExit);
  });

  const spawnOne = ({ name, port, database, consumerGroup }: (typeof services)[number], logFlags: 'w' | 'a'): ServiceProcess => {
    const logFile = join(LOG_DIR, `${name}.log`);
    const log = openSync(logFile, logFlags);
    const { command, args, cwd } = launch(name);
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: kafkaBrokers.join(','),
        MONGO_URL: mongoUrl,
        MONGO_DB: database,
        CONSUMER_GROUP: consumerGroup,
        CONSUMER_START_FROM: 'latest',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        ...(SEEDED.has(name) ? { SEED_DEMO_DATA: 'true' } : {}),
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log); // the child holds its own copy
    children.push(child);
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    return { name, url: `http://127.0.0.1:${port}`, pid: child.pid, database, consumerGroup, logFile, child };
  };

  // The consumer groups start from the topics' ends (CONSUMER_START_FROM=latest), so matching
  // starts last: the fulfiller directory it announces at start-up must reach orders' copy, or
  // routing to the seeded committees is refused.
  const deadline = Date.now() + READY_DEADLINE_MS;
  const first = services.filter((service) => service.name !== 'matching').map((service) => spawnOne(service, 'w'));
  await Promise.all(first.map((service) => waitReady(service, deadline)));
  const last = services.filter((service) => service.name === 'matching').map((service) => spawnOne(service, 'w'));
  await Promise.all(last.map((service) => waitReady(service, deadline)));
  const started = [...first, ...last];
  const stack = Object.fromEntries(started.map((service) => [service.name, service])) as ServiceStack;

  RESTARTS.set(stack, async (between) => {
    await stopAll(children.splice(0));
    await between();
    const again = services.map((service) => spawnOne(service, 'a'));
    for (const service of again) Object.assign(stack[service.name], { pid: service.pid, child: service.child });
    const restartDeadline = Date.now() + READY_DEADLINE_MS;
    await Promise.all(again.map((service) => waitReady(service, restartDeadline)));
  });
  return stack;
}

const RESTARTS = new WeakMap<ServiceStack, (between: () => Promise<void>) => Promise<void>>();

/**
 * Stops the five processes (SIGTERM, as a deployment would), runs `between` while none is running
 * (e.g. writing into their databases), and starts them again on the same ports, databases and
 * consumer groups; resolves once every /health/ready answers 200. The stack's pids are updated.
 */
export async function restartServiceStack(stack: ServiceStack, between: () => Promise<void>): Promise<void> {
  const restart = RESTARTS.get(stack);
  if (!restart) throw new Error('not a stack started by startServiceStack');
  await restart(between);
}
