#!/usr/bin/env node
// The two commands a newcomer needs, made whole:
//
//   npm start   install what is missing, compile the services into dist/ if a source changed,
//               start Kafka + FerretDB (unless KAFKA_BROKERS / MONGO_URL point elsewhere), start
//               the five services with demo data, print where they are, and stop everything
//               cleanly on Ctrl-C.
//   npm test    install what is missing, then lint, typecheck, unit tests, and integration tests
//               against the real Kafka and database.
//   npm run bench   the benchmarks, against the same real servers.
//
//   node infra/local/lantern.mjs exec <command…>   run a command under the supported Node
//
// All of them first make sure they run on the supported Node LTS (node-runtime.js): on an older
// Node they fetch the pinned LTS into .lantern/node/ once and run themselves again under it.
//
// Node built-ins only: this runs before `npm ci`.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeRuntime from './node-runtime.js';
import serviceProcess from './service-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVICES = [
  { name: 'orders', port: 3001, env: { SEED_DEMO_DATA: 'true' } },
  { name: 'matching', port: 3002, env: { SEED_DEMO_DATA: 'true' } },
  { name: 'volunteers', port: 3003 },
  { name: 'charity-sales', port: 3004 },
  { name: 'notifications', port: 3005 },
];

const COLORS = [36, 35, 33, 32, 34];
const say = (message) => process.stdout.write(`\x1b[1mlantern\x1b[0m ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** `npm ci` when node_modules is missing or older than the lockfile. */
function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)…');
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (status !== 0) {
    say('npm ci failed; see above.');
    process.exit(status);
  }
}

let infraModule;
/** The infra module reads its profile at import, so it is imported once the profile is chosen. */
async function infraApi() {
  infraModule ??= await import('./lantern-infra.mjs');
  return infraModule;
}

async function stopInfra(options) {
  return (await infraApi()).stopInfra(options);
}

async function infrastructure() {
  const started = Date.now();
  const infra = await (await infraApi()).ensureInfra({ quiet: false });
  say(`infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Kafka ${infra.kafkaBrokers}, MongoDB ${infra.mongoUrl}`);
  return infra;
}

async function waitReady(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Compiles dist/ when a source is newer than it (services run the compiled JavaScript). */
async function buildServices() {
  const { built, ms, reason } = await serviceProcess.ensureBuilt();
  if (built > 0) say(`compiled ${built} files into dist/ in ${(ms / 1000).toFixed(1)} s (${reason})`);
}

async function start() {
  ensureDependencies();
  await buildServices();
  const infra = await infrastructure();
  const children = [];
  let stopping = false;

  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping services…');
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode !== null ? null : new Promise((resolve) => child.once('exit', resolve)))));
    if (infra.startedHere) {
      say('stopping Kafka and FerretDB…');
      await stopInfra({ quiet: true });
    }
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  SERVICES.forEach((service, index) => {
    const child = serviceProcess.spawnService(service.name, {
      env: {
        ...process.env,
        PORT: String(service.port),
        KAFKA_BROKERS: infra.kafkaBrokers,
        MONGO_URL: infra.mongoUrl,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        ...service.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `\x1b[${COLORS[index]}m${service.name.padEnd(13)}\x1b[0m| `;
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop();
        for (const line of lines) process.stdout.write(prefix + line + '\n');
      });
    }
    child.on('exit', (code, signal) => {
      if (!stopping) {
        say(`${service.name} exited (${signal ?? code}); stopping the rest.`);
        void shutdown(1);
      }
    });
    children.push(child);
  });

  const deadline = Date.now() + 120_000;
  const ready = await Promise.all(SERVICES.map((service) => waitReady(`http://127.0.0.1:${service.port}/health/ready`, deadline)));
  if (!ready.every(Boolean)) {
    say(`not ready in time: ${SERVICES.filter((_, i) => !ready[i]).map((s) => s.name).join(', ')}`);
    return shutdown(1);
  }
  const rows = SERVICES.map((s) => `  ${s.name.padEnd(14)} http://127.0.0.1:${s.port}/v1   docs http://127.0.0.1:${s.port}/docs`);
  say(
    [
      'all five services are ready:',
      ...rows,
      `  Kafka ${infra.kafkaBrokers}   MongoDB ${infra.mongoUrl}`,
      '  AsyncAPI (event streams): libs/contracts/asyncapi.json',
      '  mint a token:  npm run token -- --sub res-001 --roles resident',
      'press Ctrl-C to stop everything.',
    ].join('\n'),
  );
}

/** Tests and benchmarks get servers of their own, apart from the `npm start` stack. */
function useTestProfile() {
  process.env.LANTERN_INFRA_PROFILE ??= 'test';
}

async function test() {
  const began = Date.now();
  useTestProfile();
  ensureDependencies();
  const steps = [
    ['project graph', 'npx', ['nx', 'show', 'projects'], { env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'ignore', 'inherit'] }],
    ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
    ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['unit tests', 'npx', ['jest', '--selectProjects', 'unit', '--ci']],
  ];
  for (const [label, command, args, options] of steps) {
    say(`${label}…`);
    const status = run(command, args, options);
    if (status !== 0) {
      say(`${label} failed.`);
      process.exit(status);
    }
  }
  const infra = await infrastructure();
  say('integration tests (real Kafka and database)…');
  const status = run('npx', ['jest', '--selectProjects', 'integration', '--runInBand', '--ci', '--forceExit'], {
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl },
  });
  if (infra.startedHere) await stopInfra({ quiet: true });
  say(`${status === 0 ? 'all green' : 'integration tests failed'} in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  process.exit(status);
}

async function bench() {
  useTestProfile();
  ensureDependencies();
  const infra = await infrastructure();
  const status = run(process.execPath, ['-r', '@swc-node/register', 'bench/run-benchmarks.ts', ...process.argv.slice(3)], {
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl },
  });
  if (infra.startedHere) await stopInfra({ quiet: true });
  process.exit(status);
}

/** `exec <command…>`: the command, with the supported Node first on PATH (e.g. `exec npx jest …`). */
async function exec() {
  const [command, ...args] = process.argv.slice(3);
  if (!command) {
    process.stderr.write('usage: node infra/local/lantern.mjs exec <command> [args…]\n');
    process.exit(2);
  }
  process.exit(run(command, args, { cwd: process.cwd() }));
}

/**
 * Runs this same command again under another Node and ends as it ends. Ctrl-C on a terminal
 * reaches both processes; a signal sent to this one alone is passed on.
 */
function relaunch({ binary, env }) {
  const child = spawn(binary, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { cwd: process.cwd(), env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}

const commands = { start, test, bench, exec };
const command = commands[process.argv[2]];
if (!command) {
  process.stderr.write(`usage: node infra/local/lantern.mjs <${Object.keys(commands).join('|')}>\n`);
  process.exit(2);
}
let runtime;
try {
  runtime = nodeRuntime.supportedNode({ say });
} catch (error) {
  process.stderr.write(`lantern: ${error?.message ?? error}\n`);
  process.exit(1);
}
if (runtime) {
  say(`Node ${process.version} is not supported (engines: ${nodeRuntime.ENGINES}); running on Node ${nodeRuntime.PINNED.version} LTS from .lantern/node/`);
  relaunch(runtime);
} else {
  command().catch((error) => {
    process.stderr.write(`lantern: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
