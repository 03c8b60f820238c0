/**
 * `npm run fuzz`: schemathesis against every service's OpenAPI document, as an admin and as a
 * resident, with all checks on and a bounded number of cases per operation (FUZZ_MAX_EXAMPLES,
 * default 25); schemathesis.toml names the few refusals by rules OpenAPI cannot state. Starts Kafka and FerretDB if needed and the five services in-process, each on a
 * database of its own (dropped afterwards). Prints, per run, operations, cases and failures by
 * check; exits 1 when any check failed. Reports (JSON, and pytest files that replay each
 * failure) are left in .lantern/fuzz/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tokenFor } from '@lantern/testing';

const ROOT = resolve(__dirname, '../..');
const REPORTS = join(ROOT, '.lantern', 'fuzz');
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '25';
const SERVICES = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'] as const;
const ONLY = process.env.FUZZ_SERVICES?.split(',');

interface Recorder {
  label?: string;
  cases?: Record<string, unknown>;
  checks?: Record<string, { name: string; status: string }[]>;
}

interface Figures {
  operations: number;
  cases: number;
  failures: Record<string, number>;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { stdio: ['ignore', process.env.FUZZ_VERBOSE ? 'inherit' : 'ignore', 'inherit'] });
    child.on('exit', (code) => resolveRun(code ?? 1));
  });
}

/** Operations, cases and failures by check (each failing check counted once per operation and phase) from schemathesis' NDJSON events. */
function figuresOf(file: string): Figures {
  const figures: Figures = { operations: 0, cases: 0, failures: {} };
  const operations = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const recorder = (JSON.parse(line) as { ScenarioFinished?: { recorder?: Recorder } }).ScenarioFinished?.recorder;
    if (!recorder || typeof recorder !== 'object') continue;
    if (recorder.label && /^[A-Z]+ \//.test(recorder.label)) operations.add(recorder.label);
    figures.cases += Object.keys(recorder.cases ?? {}).length;
    const failed = new Set(Object.values(recorder.checks ?? {}).flat().filter((check) => check.status === 'failure').map((check) => check.name));
    for (const name of failed) figures.failures[name] = (figures.failures[name] ?? 0) + 1;
  }
  figures.operations = operations.size;
  return figures;
}

async function main(): Promise<void> {
  // ES modules shared with the plain-node infra scripts.
  const load = (path: string) => import(join(__dirname, path));
  const { ensureSchemathesis } = (await load('schemathesis-venv.mjs')) as { ensureSchemathesis(): string };
  const infra = (await load('../local/lantern-infra.mjs')) as { ensureInfra(options: object): Promise<void>; infraEnv(): Record<string, string> };
  const st = ensureSchemathesis();
  await infra.ensureInfra({ quiet: true });
  Object.assign(process.env, infra.infraEnv());
  const { startAllServices } = await import('../../e2e/src/start-all-services');
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });

  const stack = await startAllServices();
  const principals = {
    admin: await tokenFor({ sub: 'fuzz-admin', roles: ['admin'] }),
    resident: await tokenFor({ sub: 'fuzz-resident', roles: ['resident'] }),
  };
  let failed = false;
  try {
    for (const service of SERVICES.filter((name) => !ONLY || ONLY.includes(name))) {
      for (const [who, token] of Object.entries(principals)) {
        const events = join(REPORTS, `${service}-${who}.ndjson`);
        const code = await run(st, [
          '--config-file', join(__dirname, 'schemathesis.toml'),
          'run', `${stack[service].url}/docs-json`,
          '--url', stack[service].url,
          '--checks', 'all',
          '--max-examples', MAX_EXAMPLES,
          '--header', `Authorization: Bearer ${token}`,
          '--seed', process.env.FUZZ_SEED ?? '1',
          '--no-color',
          '--report', 'ndjson,pytest',
          '--report-ndjson-path', events,
          '--report-pytest-path', join(REPORTS, `${service}-${who}.py`),
        ]);
        const figures = figuresOf(events);
        const failures = Object.entries(figures.failures).map(([check, count]) => `${check} ${count}`).join(', ') || 'none';
        process.stdout.write(`${service} as ${who}: ${figures.operations} operations, ${figures.cases} cases, failures: ${failures}\n`);
        failed ||= code !== 0;
      }
    }
  } finally {
    await stack.stop();
  }
  process.stdout.write(`reports in .lantern/fuzz/ (pytest files replay each failure)\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
