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
import logFormat from './log-format.js';
import nodeRuntime from './node-runtime.js';
import serviceProcess from './service-process.js';
import { Supervisor } from './supervisor.js';
import { ensureTestTools } from './test-tools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVICES = [
  { name: 'orders', port: 3001, env: { SEED_DEMO_DATA: 'true', SEED_DEMO_HISTORY: 'true' } },
  { name: 'matching', port: 3002, env: { SEED_DEMO_DATA: 'true', SEED_DEMO_HISTORY: 'true' } },
  { name: 'volunteers', port: 3003, env: { SEED_DEMO_DATA: 'true', SEED_DEMO_HISTORY: 'true' } },
  { name: 'charity-sales', port: 3004 },
  { name: 'notifications', port: 3005 },
];

const COLORS = [36, 35, 33, 32, 34];
const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : `${text}:`);
const say = (message) => process.stdout.write(`${bold('lantern')} ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** `run` without blocking this process: the infrastructure can start meanwhile. */
function runAsync(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Whether node_modules holds what the lockfile asks for: npm's record of what it installed
 * (node_modules/.package-lock.json) names every locked package at its locked version, bar the
 * optional ones for other platforms. Compared by content, because a checkout, rebase or new git
 * worktree rewrites package-lock.json unchanged, and a newer lockfile alone is no reason to spend
 * minutes reinstalling (or to pull a node_modules shared by several checkouts from under them).
 */
function installedAsLocked(marker, lock) {
  try {
    const installed = JSON.parse(fs.readFileSync(marker, 'utf8')).packages ?? {};
    const locked = JSON.parse(fs.readFileSync(lock, 'utf8')).packages ?? {};
    return Object.entries(locked).every(([where, entry]) =>
      where === '' ? true : installed[where] ? installed[where].version === entry.version : entry.optional === true || entry.link === true,
    );
  } catch {
    return false;
  }
}

/** `npm ci` when node_modules is missing or does not match the lockfile. */
function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  if (fs.existsSync(marker) && installedAsLocked(marker, lock)) return;
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

/** `stopsQuickly`: Kafka will have to stop within Ctrl-C's budget (see ensureInfra). */
async function infrastructure({ stopsQuickly = false } = {}) {
  const started = Date.now();
  const infra = await (await infraApi()).ensureInfra({ quiet: false, recordClassArchive: !stopsQuickly });
  say(`infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s: Kafka ${infra.kafkaBrokers}, MongoDB ${infra.mongoUrl}`);
  return infra;
}

async function waitReady(url, deadline, abandon = () => false) {
  while (Date.now() < deadline && !abandon()) {
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

/** Ctrl-C stops everything within this (issue 15): services get most of it, Kafka the rest. */
const STOP_BUDGET_MS = 9000;
const SERVICE_GRACE_MS = 5000;
const READY_DEADLINE_MS = 300_000;
const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five'];

/**
 * Which services, on which ports. LANTERN_SERVICES (comma-separated names) starts only some,
 * LANTERN_PORT_BASE moves the ports (base + 1 … base + 5; default 3000), LANTERN_STACK names a
 * second stack sharing one Kafka and database with another (its own consumer groups and
 * databases): the stack tests use all three.
 */
function stackServices(env = process.env) {
  const only = env.LANTERN_SERVICES ? new Set(env.LANTERN_SERVICES.split(',').map((name) => name.trim())) : undefined;
  const shift = env.LANTERN_PORT_BASE ? Number(env.LANTERN_PORT_BASE) - 3000 : 0;
  return SERVICES.map((service, index) => ({ ...service, port: service.port + shift, colour: COLORS[index] }))
    .filter((service) => !only || only.has(service.name))
    .map((service) => {
      if (!env.LANTERN_STACK) return service;
      const suffix = env.LANTERN_STACK;
      return { ...service, env: { ...service.env, CONSUMER_GROUP: `${service.name}-${suffix}`, MONGO_DB: `lantern_${service.name.replace(/-/g, '_')}_${suffix}` } };
    });
}

async function start() {
  ensureDependencies();
  await buildServices();
  const infra = await infrastructure({ stopsQuickly: true });
  const services = stackServices();
  const format = logFormat.chooseFormat({ isTTY: process.stdout.isTTY });
  const colour = format === 'pretty' && !process.env.NO_COLOR;
  const supervisors = [];
  let stopping = false;

  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    const began = Date.now();
    say('stopping services…');
    await Promise.all(supervisors.map((supervisor) => supervisor.stop(SERVICE_GRACE_MS)));
    if (infra.startedHere) {
      say('stopping Kafka and FerretDB…');
      await stopInfra({ quiet: true, deadlineMs: Math.max(1000, STOP_BUDGET_MS - (Date.now() - began)) });
    }
    say(`stopped in ${((Date.now() - began) / 1000).toFixed(1)} s.`);
    process.exit(code);
  };
  // A second Ctrl-C does not wait for anyone. "Second" means a second later: the first one may
  // arrive twice at once, from the terminal and passed on by a launcher that relaunched us.
  let interruptedAt = 0;
  const interrupt = () => {
    if (!stopping) {
      interruptedAt = Date.now();
      return void shutdown(0);
    }
    if (Date.now() - interruptedAt < 1000) return;
    for (const supervisor of supervisors) supervisor.child?.kill('SIGKILL');
    process.exit(130);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));

  const serviceEnv = (service) => ({
    ...process.env,
    PORT: String(service.port),
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGO_URL: infra.mongoUrl,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...service.env,
  });
  const readyUrl = (service) => `http://127.0.0.1:${service.port}/health/ready`;
  for (const service of services) {
    const show = (line) => {
      if (format === 'json') process.stdout.write(`${line}\n`);
      else process.stdout.write(`${logFormat.prettyLine(line, { service: service.name, serviceColour: service.colour, colour })}\n`);
    };
    const supervisor = new Supervisor({
      name: service.name,
      say,
      spawn: () => serviceProcess.spawnService(service.name, { env: serviceEnv(service), stdio: ['ignore', 'pipe', 'pipe'] }),
      onStart: (child, restarts) => {
        logFormat.eachLine(child.stdout, show);
        logFormat.eachLine(child.stderr, show);
        if (restarts === 0) return;
        // After a restart, say when it serves again (or that it did not, before its next attempt).
        void waitReady(readyUrl(service), Date.now() + 120_000, () => stopping || child.exitCode !== null).then((ready) => {
          if (ready && !stopping) say(`${service.name} is ready again`);
        });
      },
    });
    supervisors.push(supervisor);
    supervisor.start();
  }

  // Patient: a first start on a busy 2-core machine has five services, a JVM and a fresh
  // consumer-offsets topic competing for the CPU; giving up is for a service that cannot start.
  const deadline = Date.now() + READY_DEADLINE_MS;
  const ready = await Promise.all(services.map((service) => waitReady(readyUrl(service), deadline, () => stopping)));
  if (stopping) return;
  if (!ready.every(Boolean)) {
    say(`not ready in time: ${services.filter((_, i) => !ready[i]).map((s) => s.name).join(', ')}`);
    return shutdown(1);
  }
  const rows = services.map((s) => `  ${s.name.padEnd(14)} http://127.0.0.1:${s.port}/v1   docs http://127.0.0.1:${s.port}/docs`);
  const which = services.length === SERVICES.length ? `all ${NUMBERS[services.length]} services are` : `${services.map((s) => s.name).join(', ')} ${services.length === 1 ? 'is' : 'are'}`;
  say(
    [
      `${which} ready:`,
      ...rows,
      `  Kafka ${infra.kafkaBrokers}   MongoDB ${infra.mongoUrl}`,
      '  AsyncAPI (event streams): libs/contracts/asyncapi.json',
      '  mint a token:  npm run token -- --sub res-001 --roles resident',
      'a service that exits is restarted. Press Ctrl-C to stop everything.',
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
  ensureTestTools({ stateDir: path.join(ROOT, '.lantern'), say });
  const steps = [
    ['project graph', 'npx', ['nx', 'show', 'projects'], { env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, stdio: ['ignore', 'ignore', 'inherit'] }],
    ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
    ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['unit tests', 'npx', ['jest', '--selectProjects', 'unit', '--ci']],
  ];
  // Kafka and FerretDB start while the checks run (the JVM takes seconds that lint and
  // typecheck would otherwise wait in front of); a failure is reported once they are needed.
  const infraStarting = infrastructure().then(
    (infra) => ({ infra }),
    (error) => ({ error }),
  );
  for (const [label, command, args, options] of steps) {
    say(`${label}…`);
    const status = await runAsync(command, args, options);
    if (status !== 0) {
      say(`${label} failed.`);
      const { infra } = await infraStarting;
      if (infra?.startedHere) await stopInfra({ quiet: true });
      process.exit(status);
    }
  }
  const { infra, error } = await infraStarting;
  if (error) throw error;
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
  // The IPC channel only tells the relaunched command when this process is gone (even by SIGKILL).
  const child = spawn(binary, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { cwd: process.cwd(), env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}

/** Run again under the LTS: when the process that relaunched this one dies, stop as on SIGTERM. */
function followLauncher() {
  if (!process.env[nodeRuntime.RELAUNCHED] || !process.channel) return;
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
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
  followLauncher();
  command().catch((error) => {
    process.stderr.write(`lantern: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
