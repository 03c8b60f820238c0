import { demoHistory, DEMO_VOLUNTEERS } from '@lantern/demo-history';
import { tokenFor, waitFor } from '@lantern/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// `npm start` as a newcomer runs it on a fresh clone: its own Kafka and FerretDB started from
// empty data directories (a profile of their own, on free ports: the KRaft storage is formatted,
// the consumer-offsets topic and every Lantern topic are created on this start), the five services
// with their demo data and the demo history, then Ctrl-C. Nothing is shared with the test servers.

const root = join(__dirname, '..', '..');
const FIVE = ['orders', 'matching', 'volunteers', 'charity-sales', 'notifications'];
const READY_LINE = 'all five services are ready';
/** What each service with a part in the demo history says when it has played it. */
const PLAYED = { orders: 'demo history: played', matching: 'demo history: claims played', volunteers: 'demo history: volunteers registered' };

type LogEntry = { level: string; service: string; msg: string };
/** The services' lines (JSON: not a terminal) in `text`. */
const logEntries = (text: string): LogEntry[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogEntry);
const byLevel = (entries: LogEntry[]) => entries.reduce<Record<string, number>>((count, entry) => ({ ...count, [entry.level]: (count[entry.level] ?? 0) + 1 }), {});

/** Whether 127.0.0.1:port accepts a listener now. */
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port p with p … p + count - 1 free. */
async function freePorts(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 20_000);
    const ports = Array.from({ length: count }, (_, offset) => first + offset);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return first;
  }
}

/** The processes below `pid` (Linux /proc), at any depth: npm → lantern.mjs (→ itself under the LTS) → services. */
function descendantsOf(pid: number): Array<{ pid: number; command: string }> {
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
  return direct.flatMap((child) => [child, ...descendantsOf(child.pid)]);
}
const serviceProcesses = (pid: number, name?: string) =>
  descendantsOf(pid).filter((child) => (name ? child.command.includes(`dist/services/${name}/`) : /dist\/services\/[a-z-]+\//.test(child.command)));

/** Running: it exists and is not a zombie (exited, waiting for init to reap it). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** The environment of a newcomer's shell: none of the test run's servers, stack or log settings. */
function newcomerEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(LANTERN_|KAFKA_|MONGO_|OTEL_|JEST_|CONSUMER_|SEED_)/.test(name)) delete env[name];
  }
  for (const name of ['NODE_ENV', 'LOG_LEVEL', 'PORT', 'HOST', 'NODE_OPTIONS']) delete env[name];
  return { ...env, ...overrides };
}

describe('npm start on a fresh clone (own Kafka and FerretDB, empty data)', () => {
  const profile = `fresh-${Math.random().toString(36).slice(2, 8)}`;
  const profileDir = join(root, '.lantern', 'profiles', profile);
  let env: NodeJS.ProcessEnv;
  let portBase: number;
  let stack: ChildProcess;
  let output = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let startedInMs = 0;

  beforeAll(async () => {
    expect(existsSync(profileDir)).toBe(false); // a true first start: no data of this profile yet
    const kafkaPort = await freePorts(2); // the broker, and its KRaft controller on the next port
    const mongoPort = await freePorts(1);
    portBase = (await freePorts(5)) - 1; // services on base + 1 … base + 5
    env = newcomerEnv({
      LANTERN_INFRA_PROFILE: profile,
      LANTERN_KAFKA_PORT: String(kafkaPort),
      LANTERN_MONGO_PORT: String(mongoPort),
      LANTERN_PORT_BASE: String(portBase),
    });
    const began = Date.now();
    // A process group of its own, so that Ctrl-C can be sent as a terminal sends it: to the group.
    stack = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    stack.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => stack.once('exit', (code, signal) => resolve({ code, signal })));
    // Generous: on a loaded 2-core machine a first start (JVM, storage format, five services
    // seeding their data) has taken 2 minutes; npm start itself gives up after 5.
    await waitFor(
      () => {
        if (stack.exitCode !== null || stack.signalCode !== null) throw new Error(`npm start exited (${stack.exitCode ?? stack.signalCode})`);
        return output.includes(READY_LINE);
      },
      { timeoutMs: 420_000, intervalMs: 250, description: `"${READY_LINE}"` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its output:\n${output}`);
    });
    startedInMs = Date.now() - began;
  }, 450_000);

  afterAll(async () => {
    if (stack && stack.exitCode === null && stack.signalCode === null) process.kill(-(stack.pid as number), 'SIGKILL');
    // Servers a failed run left behind (Kafka and FerretDB run in sessions of their own).
    if (existsSync(profileDir)) spawnSync(process.execPath, ['infra/local/lantern-infra.mjs', 'stop', '-q'], { cwd: root, env, stdio: 'ignore' });
    rmSync(profileDir, { recursive: true, force: true });
  }, 60_000);

  it('starts Kafka on freshly formatted storage and creates the topics', () => {
    expect(output).toContain(`formatted Kafka storage in .lantern/profiles/${profile}/kafka/data`);
    const partitions = readdirSync(join(profileDir, 'kafka', 'data'));
    for (const topic of ['lantern.orders.events', 'lantern.matching.events', 'lantern.volunteers.events', 'lantern.charity.events', 'lantern.notifications.events', '__consumer_offsets']) {
      expect(partitions).toContainEqual(expect.stringMatching(new RegExp(`^${topic.replace(/\./g, '\\.')}-\\d+$`)));
    }
  });

  it(`prints no error-level line (nor a warning) before "${READY_LINE}"`, () => {
    const beforeReady = output.slice(0, output.indexOf(READY_LINE)).split('\n');
    // Not a terminal: the services' JSON lines as they are, and npm start's own lines.
    const entries = logEntries(beforeReady.join('\n'));
    process.stdout.write(`npm start on fresh data, service lines before ready by level: ${JSON.stringify(byLevel(entries))}\n`);
    // Nothing a newcomer should worry about: no error, and no warning either.
    expect(entries.filter((entry) => entry.level !== 'info')).toEqual([]);
    expect(new Set(entries.map((entry) => entry.service))).toEqual(new Set(FIVE));
    // Every other line is npm's banner or npm start saying what it does; none says a service
    // exited or something failed.
    const others = beforeReady.filter((line) => line.trim() !== '' && !line.startsWith('{'));
    expect(others.filter((line) => !/^(> |lantern: |\[lantern-infra\] )/.test(line))).toEqual([]);
    expect(others.filter((line) => /exited|restarting|failed|not ready|error/i.test(line))).toEqual([]);
  });

  it('has all five services ready, each on its own port', async () => {
    const answers = await Promise.all(FIVE.map((_, index) => fetch(`http://127.0.0.1:${portBase + index + 1}/health/ready`).then((response) => response.status)));
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect(serviceProcesses(stack.pid as number)).toHaveLength(5);
    process.stdout.write(`npm start on fresh data: ready in ${(startedInMs / 1000).toFixed(1)} s\n`);
  });

  it('plays the demo history without a warning or an error, and the town report shows it, volunteers included', async () => {
    const began = Date.now();
    const played = () => Object.entries(PLAYED).every(([service, msg]) => logEntries(output).some((entry) => entry.service === service && entry.msg === msg));
    await waitFor(played, { timeoutMs: 300_000, intervalMs: 500, description: 'the demo history to be played' });
    const entries = logEntries(output);
    process.stdout.write(`npm start on fresh data: demo history played ${((Date.now() - began) / 1000).toFixed(1)} s after ready; service lines until then by level: ${JSON.stringify(byLevel(entries))}\n`);
    expect(entries.filter((entry) => entry.level !== 'info' && entry.level !== 'debug')).toEqual([]);

    // What a manager sees, as the README shows it with curl: every order of the plan, and volunteers with hours.
    const admin = await tokenFor({ sub: 'admin-npm-start', roles: ['admin'] });
    const to = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
    const town = () =>
      fetch(`http://127.0.0.1:${portBase + 1}/v1/reports/town?period=range&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${admin}` } }).then(
        (response) => response.json() as Promise<{ figures: { ordersPlaced: number }; coverage: { volunteers: { registered: number; withHoursInPeriod: number } } }>,
      );
    const report = await waitFor(async () => {
      const current = await town();
      return current.figures.ordersPlaced === demoHistory().length && current.coverage.volunteers.withHoursInPeriod > 0 ? current : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500, description: 'the town report to count the history' }).catch(() => town());
    expect(report.figures.ordersPlaced).toBe(demoHistory().length);
    expect(report.coverage.volunteers.registered).toBe(DEMO_VOLUNTEERS.length);
    expect(report.coverage.volunteers.withHoursInPeriod).toBeGreaterThan(0);
  }, 420_000);

  it('restarts a service that crashed, says so, and the service serves again', async () => {
    const [volunteers] = serviceProcesses(stack.pid as number, 'volunteers');
    expect(volunteers).toBeDefined();
    process.kill(volunteers.pid, 'SIGKILL');
    await waitFor(() => output.includes('volunteers exited (SIGKILL); restarting it in 1 s (restart 1)'), { timeoutMs: 30_000, description: 'the restart notice' });
    await waitFor(() => output.includes('volunteers is ready again'), { timeoutMs: 240_000, intervalMs: 250, description: 'volunteers to be ready again' });
    const restarted = serviceProcesses(stack.pid as number, 'volunteers');
    expect(restarted.map((child) => child.pid)).not.toContain(volunteers.pid);
    expect(restarted).toHaveLength(1);
    expect(serviceProcesses(stack.pid as number)).toHaveLength(5); // the others were left alone
  }, 300_000);

  it('stops everything, Kafka and FerretDB included, within 10 s of Ctrl-C', async () => {
    const services = serviceProcesses(stack.pid as number);
    expect(services).toHaveLength(5);
    const servers = ['kafka/kafka.pid', 'ferretdb/ferretdb.pid'].map((file) => Number(readFileSync(join(profileDir, file), 'utf8').trim().split(/\s/)[0]));
    expect(servers.every(alive)).toBe(true);
    const began = Date.now();
    process.kill(-(stack.pid as number), 'SIGINT'); // the whole group, as Ctrl-C on a terminal
    const { code, signal } = await exited;
    const tookMs = Date.now() - began;
    process.stdout.write(`npm start stopped ${(tookMs / 1000).toFixed(1)} s after Ctrl-C\n`);
    expect(tookMs).toBeLessThan(10_000);
    // lantern.mjs ends with 0; npm, interrupted too, then ends by the same signal, as a shell expects.
    expect({ code, signal }).toEqual(signal === null ? { code: 0, signal: null } : { code: null, signal: 'SIGINT' });
    expect(output).toMatch(/lantern: stopped in \d+\.\d s\./);
    expect([...services.map((child) => child.pid), ...servers].filter(alive)).toEqual([]);
  }, 30_000);
});
