import { dropDatabases, testInfra, uniqueName, waitFor } from '@lantern/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** A base port with base + 1 … base + 5 free (the stack's services listen there). */
async function freePortBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const free = await Promise.all(
      [1, 2, 3, 4, 5].map(
        (offset) =>
          new Promise<boolean>((resolve) => {
            const server = createServer().once('error', () => resolve(false));
            server.listen(base + offset, '127.0.0.1', () => server.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return base;
  }
}

/**
 * The processes below `pid` (Linux /proc): the services the stack started — its grandchildren
 * when lantern.mjs ran itself again under the LTS.
 */
function childrenOf(pid: number): Array<{ pid: number; command: string }> {
  const direct = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        return ppid === pid ? [{ pid: Number(entry), command }] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
  return direct.flatMap((child) => [child, ...childrenOf(child.pid)]);
}
const servicesOf = (pid: number, name: string) => childrenOf(pid).filter((child) => child.command.includes(`dist/services/${name}/`));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start (infra/local/lantern.mjs start)', () => {
  // Two of the five services on their own ports, consumer groups and databases, on the test Kafka
  // and database (KAFKA_BROKERS / MONGO_URL: the stack starts no servers of its own).
  let stack: ChildProcess;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  const services = ['volunteers', 'notifications'];
  const stackName = uniqueName('stack');

  beforeAll(async () => {
    const { kafkaBrokers, mongoUrl } = testInfra();
    const base = await freePortBase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      MONGO_URL: mongoUrl,
      LANTERN_SERVICES: services.join(','),
      LANTERN_PORT_BASE: String(base),
      LANTERN_STACK: stackName,
      CONSUMER_START_FROM: 'latest',
    };
    delete env.LANTERN_LOG_FORMAT;
    // A process group of its own, so that Ctrl-C can be sent as a terminal sends it: to the group.
    stack = spawn(process.execPath, ['infra/local/lantern.mjs', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    stack.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => stack.once('exit', (code, signal) => resolve({ code, signal })));
    await waitFor(() => output.includes('volunteers, notifications are ready'), { timeoutMs: 150_000, intervalMs: 200, description: 'the stack to be ready' }).catch(
      (error: Error) => {
        throw new Error(`${error.message}; its output:\n${output}`);
      },
    );
  }, 180_000);

  afterAll(async () => {
    if (stack.exitCode === null && stack.signalCode === null) process.kill(-(stack.pid as number), 'SIGKILL');
    await dropDatabases(...services.map((name) => `lantern_${name}_${stackName}`));
  });

  it('writes JSON lines when its output is not a terminal, and none at error level before the services are ready', () => {
    const beforeReady = output.slice(0, output.indexOf('are ready')).split('\n');
    const logLines = beforeReady.filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    const entries = logLines.map((line) => JSON.parse(line) as { level: string; service: string; msg: string });
    expect(entries.filter((entry) => entry.level === 'error' || entry.level === 'fatal')).toEqual([]);
    expect(new Set(entries.map((entry) => entry.service))).toEqual(new Set(services));
    expect(output).toContain('volunteers is listening');
  });

  it('restarts a service that crashed, says so, and the service serves again', async () => {
    const [volunteers] = servicesOf(stack.pid as number, 'volunteers');
    expect(volunteers).toBeDefined();
    process.kill(volunteers.pid, 'SIGKILL');
    await waitFor(() => output.includes('volunteers exited (SIGKILL); restarting it in 1 s (restart 1)'), { timeoutMs: 10_000, description: 'the restart notice' });
    await waitFor(() => output.includes('volunteers is ready again'), { timeoutMs: 90_000, intervalMs: 200, description: 'volunteers to be ready again' });
    const restarted = servicesOf(stack.pid as number, 'volunteers');
    expect(restarted.map((child) => child.pid)).not.toContain(volunteers.pid);
    expect(restarted).toHaveLength(1);
    // The other service was left alone.
    expect(servicesOf(stack.pid as number, 'notifications')).toHaveLength(1);
  }, 120_000);

  it('stops everything within 10 s of Ctrl-C', async () => {
    const children = services.flatMap((name) => servicesOf(stack.pid as number, name));
    expect(children).toHaveLength(2);
    const began = Date.now();
    process.kill(-(stack.pid as number), 'SIGINT'); // the whole group, as Ctrl-C on a terminal
    const { code } = await exited;
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(output).toMatch(/lantern: stopped in \d+\.\d s\./);
    expect(children.filter((child) => alive(child.pid))).toEqual([]);
  }, 20_000);
});
