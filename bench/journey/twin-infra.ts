import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BenchResources } from '../lib/bench-infra';

const run = promisify(execFile);
const INFRA_CLI = join(__dirname, '..', '..', 'infra', 'local', 'lantern-infra.mjs');
/** The local profile of the second pair of servers (its ports: infra/local/lantern-infra/layout.mjs). */
export const TWIN_PROFILE = 'test-twin';
/** Start (or reuse) both servers; Kafka's first start installs nothing new but still takes a JVM's boot. */
const START_TIMEOUT_MS = 300_000;

export interface TwinInfra {
  kafkaBrokers: string;
  mongoUrl: string;
}

/**
 * The twin stack's own Kafka and database: LANTERN_BENCH_TWIN_KAFKA_BROKERS and
 * LANTERN_BENCH_TWIN_MONGO_URL when both are set (servers run elsewhere), else the local
 * `test-twin` profile, started here and stopped when the run ends (left running if it was already).
 * Its own Kafka because the two stacks' topics have the same names: on one broker each stack
 * would consume the other's events.
 */
export async function twinInfra(resources: BenchResources, progress: (message: string) => void): Promise<TwinInfra> {
  const { LANTERN_BENCH_TWIN_KAFKA_BROKERS: kafkaBrokers, LANTERN_BENCH_TWIN_MONGO_URL: mongoUrl } = process.env;
  if (kafkaBrokers && mongoUrl) return { kafkaBrokers, mongoUrl };
  const cli = async (...args: string[]) => (await run(process.execPath, [INFRA_CLI, ...args], { env: profileEnv(), timeout: START_TIMEOUT_MS })).stdout;
  const status = JSON.parse(await cli('status', '--json')) as Record<'kafka' | 'ferretdb', { running: boolean }>;
  const wasRunning = status.kafka.running && status.ferretdb.running;
  progress(`the twin stack's own Kafka and FerretDB (profile ${TWIN_PROFILE})${wasRunning ? ', already running' : ', starting'}`);
  const started = await cli('start', '--quiet');
  if (!wasRunning) resources.onClose(`the ${TWIN_PROFILE} servers`, () => cli('stop', '--quiet'));
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(started)?.[1];
  const twin = { kafkaBrokers: value('KAFKA_BROKERS'), mongoUrl: value('MONGO_URL') };
  if (!twin.kafkaBrokers || !twin.mongoUrl) throw new Error(`lantern-infra start (profile ${TWIN_PROFILE}) printed no KAFKA_BROKERS / MONGO_URL:\n${started}`);
  return twin as TwinInfra;
}

/** The environment for the infra CLI: the twin profile, and none of the first stack's servers or ports. */
function profileEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANTERN_INFRA_PROFILE: TWIN_PROFILE };
  for (const name of ['KAFKA_BROKERS', 'MONGO_URL', 'LANTERN_KAFKA_PORT', 'LANTERN_MONGO_PORT']) delete env[name];
  return env;
}
