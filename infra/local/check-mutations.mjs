#!/usr/bin/env node
// Breaks the code on purpose, one mutation at a time, and checks that the test guarding that
// code fails — within a minute, every run. Run it after redesigning the consumer, the outbox,
// logging or webhooks, so the safety net is checked the same way each time.
//
//   npm run mutations                     every mutation once, plus the unmutated tests once
//   npm run mutations -- --runs 10        each mutation ten times
//   npm run mutations -- --only dedupe    one mutation (names below)
//
// Each mutation is an exact text replacement in one or more source files; the originals are put
// back when the run ends, however it ends (Ctrl-C included). It refuses to start when a file it
// would change has uncommitted edits, so a mutation can never be left behind in someone's work.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAIL_WITHIN_MS = 60_000;

export const MUTATIONS = [
  {
    name: 'dedupe',
    what: 'the consumer runner no longer skips events its group already handled',
    edits: [
      {
        file: 'libs/messaging/src/consumer/lantern-kafka.server.ts',
        from: 'if (processed && (await processed.has(group, event.id))) return false;',
        to: '',
      },
    ],
    tests: ['libs/messaging/src/consumer/lantern-kafka.server.int-spec.ts'],
    title: 'the same event delivered twice has one effect',
  },
  {
    name: 'outbox',
    // publishSnapshot is the one way out to Kafka: appends call it directly, publishStream (the
    // sweeper's and the racing test's entry) reads the stream and calls it.
    what: 'the outbox publisher returns 0 before any I/O',
    edits: [
      {
        file: 'libs/event-store/src/outbox-publisher.ts',
        from: 'async publishSnapshot(snapshot: StreamSnapshot, uptoVersion = Number.MAX_SAFE_INTEGER): Promise<number> {',
        to: 'async publishSnapshot(snapshot: StreamSnapshot, uptoVersion = Number.MAX_SAFE_INTEGER): Promise<number> {\n    if (snapshot) return 0;',
      },
    ],
    tests: ['libs/messaging/src/outbox-to-kafka.int-spec.ts'],
    title: 'two publishers racing over one stream',
  },
  {
    name: 'phone-redaction',
    what: 'phone numbers are no longer redacted, by field name or by shape',
    edits: [
      { file: 'libs/logging/src/create-logger.ts', from: "  '*.phone',\n", to: '' },
      { file: 'libs/logging/src/create-logger.ts', from: "  '*.*.phone',\n", to: '' },
      { file: 'libs/logging/src/create-logger.ts', from: "  'phone',\n", to: '' },
      {
        file: 'libs/logging/src/personal-data-patterns.ts',
        from: "  { kind: 'phone', pattern: /(?<!\\d)(?:(?:\\+|00)86[ -]?)?1[3-9]\\d{9}(?!\\d)/g },\n",
        to: '',
      },
    ],
    tests: ['libs/messaging/src/consumer/lantern-kafka.server.int-spec.ts'],
    title: 'a handler error quoting personal data',
  },
  {
    name: 'signature',
    what: 'the webhook signature leaves the timestamp out of the signed payload',
    edits: [
      {
        file: 'services/notifications/src/webhooks/webhook-signature.ts',
        from: '.update(`${timestamp}.${body}`)',
        to: '.update(body)',
      },
    ],
    tests: ['services/notifications/src/webhooks/webhooks.int-spec.ts'],
    title: 'each validly signed',
  },
];

function parseArgs(argv) {
  const args = { runs: 1, only: null, baseline: true };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--only') args.only = argv[++i];
    else if (argv[i] === '--no-baseline') args.baseline = false;
    else throw new Error(`unknown argument ${argv[i]} (use --runs N, --only NAME, --no-baseline)`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1 || args.runs > 50) throw new Error('--runs takes 1..50');
  return args;
}

function assertClean(files) {
  const status = spawnSync('git', ['status', '--porcelain', '--', ...files], { cwd: ROOT, encoding: 'utf8' });
  if (status.stdout.trim()) throw new Error(`uncommitted edits in files a mutation would change; commit or stash them first:\n${status.stdout}`);
}

/** Applies the edits and returns a function that restores every file it touched. */
function apply(mutation) {
  const originals = new Map();
  for (const { file } of mutation.edits) originals.set(file, originals.get(file) ?? fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const restore = () => {
    for (const [file, text] of originals) fs.writeFileSync(path.join(ROOT, file), text);
  };
  try {
    const changed = new Map(originals);
    for (const { file, from, to } of mutation.edits) {
      const text = changed.get(file);
      if (!text.includes(from)) throw new Error(`mutation ${mutation.name}: ${file} no longer contains the text it replaces — update check-mutations.mjs`);
      changed.set(file, text.replace(from, to));
    }
    for (const [file, text] of changed) fs.writeFileSync(path.join(ROOT, file), text);
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

/** Runs the guarding test (one test by title) and reports how it ended and how long it took. */
function runTest(mutation, infra) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['jest', '--ci', '--runInBand', '--forceExit', '--verbose', '--testTimeout', String(FAIL_WITHIN_MS), '-t', mutation.title, ...mutation.tests],
      { cwd: ROOT, env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // A mutation that makes the test hang is a failure to catch it in time: stop the whole group.
    const watchdog = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), FAIL_WITHIN_MS + 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, ms: Date.now() - started, output });
    });
  });
}

/** The guarding test failed by assertion (not by a compile error or a hang), in time. */
function caught(result, mutation) {
  const failedTitle = result.output.split('\n').some((line) => line.includes('✕') && line.includes(mutation.title));
  return result.code !== 0 && result.signal === null && failedTitle && result.ms <= FAIL_WITHIN_MS + 15_000;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const chosen = MUTATIONS.filter((mutation) => !args.only || mutation.name === args.only);
  if (chosen.length === 0) throw new Error(`no mutation named ${args.only}; known: ${MUTATIONS.map((m) => m.name).join(', ')}`);
  assertClean([...new Set(chosen.flatMap((mutation) => mutation.edits.map((edit) => edit.file)))]);

  process.env.LANTERN_INFRA_PROFILE ??= 'test';
  const { ensureInfra, stopInfra } = await import('./lantern-infra.mjs');
  const infra = await ensureInfra({ quiet: true });
  const rows = [];
  let restore = null;
  const onSignal = () => {
    restore?.();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const mutation of chosen) {
      if (args.baseline) {
        const result = await runTest(mutation, infra);
        rows.push({ mutation: mutation.name, run: 'unmutated', ok: result.code === 0, ms: result.ms });
        if (result.code !== 0) process.stdout.write(result.output.slice(-4000));
      }
      for (let run = 1; run <= args.runs; run += 1) {
        restore = apply(mutation);
        let result;
        try {
          result = await runTest(mutation, infra);
        } finally {
          restore();
          restore = null;
        }
        const ok = caught(result, mutation);
        rows.push({ mutation: mutation.name, run: `mutated #${run}`, ok, ms: result.ms });
        if (!ok) process.stdout.write(result.output.slice(-4000));
        process.stdout.write(`${mutation.name} run ${run}: ${ok ? 'caught' : 'NOT CAUGHT'} in ${(result.ms / 1000).toFixed(1)} s\n`);
      }
    }
  } finally {
    if (infra.startedHere) await stopInfra({ quiet: true });
  }
  process.stdout.write('\nmutation          run           result   seconds\n');
  for (const row of rows) {
    const verdict = row.run === 'unmutated' ? (row.ok ? 'passes' : 'FAILS') : row.ok ? 'caught' : 'MISSED';
    process.stdout.write(`${row.mutation.padEnd(17)} ${row.run.padEnd(13)} ${verdict.padEnd(8)} ${(row.ms / 1000).toFixed(1)}\n`);
  }
  const bad = rows.filter((row) => !row.ok);
  process.stdout.write(bad.length === 0 ? '\nevery mutation was caught, and the unmutated tests pass.\n' : `\n${bad.length} row(s) not as expected.\n`);
  process.exit(bad.length === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
