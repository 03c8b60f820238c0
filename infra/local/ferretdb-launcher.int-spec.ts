import { freePort, waitFor } from '@lantern/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { mongo } from 'mongoose';

// The launcher the integration run's FerretDB was started from (the global setup built it).
const LAUNCHER = join(__dirname, '..', '..', '.lantern', 'bin', 'lantern-ferretdb');

interface RunningLauncher {
  port: number;
  /** Its -sqlite-dir: one `<database>.sqlite` file per database. */
  dir: string;
  /** Everything it has written so far, stdout and stderr. */
  output(): string;
}

/** Runs `use` against the launcher started on a scratch directory and ready; stops it after. */
async function withLauncher<T>(args: string[], env: Record<string, string>, use: (launcher: RunningLauncher) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ferretdb-launcher-'));
  const goEnv = { ...process.env };
  delete goEnv.GOGC;
  delete goEnv.GOMEMLIMIT;
  delete goEnv.GOMAXPROCS;
  let child: ChildProcess | undefined;
  try {
    const port = await freePort();
    child = spawn(LAUNCHER, ['-listen', `127.0.0.1:${port}`, '-sqlite-dir', dir, '-id-lookup-index=false', ...args], { env: { ...goEnv, ...env } });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor(() => output.includes('lantern-ferretdb ready'), { timeoutMs: 20_000, description: 'the launcher to log that it is ready' });
    return await use({ port, dir, output: () => output });
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The settings a start-up line of the launcher logged (`message`), from the attribute `firstKey` on. */
function settingsLogged(args: string[], env: Record<string, string>, message: string, firstKey: string): Promise<string> {
  return withLauncher(args, env, async ({ output }) => {
    const line = output().split('\n').find((text) => text.includes(message));
    if (!line) throw new Error(`no "${message}" line in: ${output()}`);
    return line.slice(line.indexOf(`${firstKey}=`));
  });
}

/** The garbage collector settings the launcher logged at start. */
const garbageCollectorOf = (args: string[], env: Record<string, string>) => settingsLogged(args, env, 'lantern-ferretdb garbage collector', 'gogc');

/** Inserts one document through the launcher; returns the log lines of its SQL statements. */
function insertStatementLines(logLevel: string, id: string): Promise<string[]> {
  return withLauncher(['-log-level', logLevel], {}, async ({ port, output }) => {
    const client = await mongo.MongoClient.connect(`mongodb://127.0.0.1:${port}/?directConnection=true`);
    try {
      await client.db('launcher_log').collection('probes').insertOne({ _id: id as never, note: 'a "quoted" note' });
    } finally {
      await client.close();
    }
    return output().split('\n').filter((line) => line.includes('INSERT INTO'));
  });
}

describe('the FerretDB launcher’s garbage collector (infra/ferretdb-launcher/gc.go)', () => {
  beforeAll(() => {
    if (!existsSync(LAUNCHER)) throw new Error(`${LAUNCHER} is not built: the integration run's global setup builds it`);
  });

  it('collects at a target of 400 under a 512 MiB soft limit by default', async () => {
    expect(await garbageCollectorOf([], {})).toBe('gogc=400 memory_limit=512MiB');
  }, 30_000);

  it('takes its flags, and 0 for no limit', async () => {
    expect(await garbageCollectorOf(['-gc-percent', '250', '-memory-limit-mib', '0'], {})).toBe('gogc=250 memory_limit=""');
  }, 30_000);

  it('leaves GOGC and GOMEMLIMIT set by the operator alone, over its flags', async () => {
    expect(await garbageCollectorOf(['-gc-percent', '250'], { GOGC: '100', GOMEMLIMIT: '1GiB' })).toBe('gogc=100 memory_limit=1GiB');
  }, 30_000);
});

/** The scheduler settings the launcher logged at start: what the Go runtime has in force. */
const schedulerOf = (args: string[], env: Record<string, string>) => settingsLogged(args, env, 'lantern-ferretdb scheduler', 'gomaxprocs');

describe('the FerretDB launcher’s scheduler (infra/ferretdb-launcher/procs.go)', () => {
  // What Go's runtime.NumCPU counts: the CPUs this process may run on.
  const cpus = availableParallelism();

  it('runs Go code on half the CPUs, at least one, by default', async () => {
    expect(await schedulerOf([], {})).toBe(`gomaxprocs=${Math.max(1, Math.floor(cpus / 2))} cpus=${cpus}`);
  }, 30_000);

  it('takes its flag', async () => {
    expect(await schedulerOf(['-gomaxprocs', '3'], {})).toBe(`gomaxprocs=3 cpus=${cpus}`);
  }, 30_000);

  it('leaves GOMAXPROCS set by the operator alone, over its flag', async () => {
    expect(await schedulerOf(['-gomaxprocs', '3'], { GOMAXPROCS: '5' })).toBe(`gomaxprocs=5 cpus=${cpus}`);
  }, 30_000);
});

/** The SQLite URL the launcher logged at start. */
function sqliteURLOf(args: string[]): Promise<string> {
  return withLauncher(args, {}, async ({ output }) => {
    const match = /sqlite_url="([^"]+)"/.exec(output());
    if (!match) throw new Error(`no sqlite_url in: ${output()}`);
    return decodeURIComponent(match[1]);
  });
}

describe('the FerretDB launcher’s SQLite URL (infra/ferretdb-launcher/main.go)', () => {
  it('keeps temporary storage, statement journals included, in memory, and writes with BEGIN IMMEDIATE', async () => {
    const url = await sqliteURLOf([]);
    expect(url).toContain('_pragma=temp_store(memory)');
    expect(url).toContain('_txlock=immediate');
  }, 30_000);

  it('leaves temp_store to SQLite when told to', async () => {
    expect(await sqliteURLOf(['-temp-store', ''])).not.toContain('temp_store');
  }, 30_000);
});

describe('the FerretDB launcher’s log (infra/ferretdb-launcher/lazy_attrs_handler.go)', () => {
  // The launcher formats the attributes FerretDB attaches to a statement's logger only for a
  // line it writes; these check that a written line still carries them, and that the default
  // level writes none of those lines.
  it('writes each SQL statement with its arguments, quoted, at debug level', async () => {
    const lines = await insertStatementLines('debug', 'lazy-attrs-probe');
    expect(lines.some((line) => line.includes('>>> INSERT INTO') && line.includes('name=launcher_log') && line.includes('args=') && line.includes('\\"_id\\":\\"lazy-attrs-probe\\"'))).toBe(true);
    expect(lines.some((line) => line.includes('<<< INSERT INTO') && line.includes('rows=1') && line.includes('lazy-attrs-probe'))).toBe(true);
  }, 30_000);

  it('writes no statement lines at the default level', async () => {
    expect(await insertStatementLines('info', 'quiet-probe')).toEqual([]);
  }, 30_000);
});

/**
 * Writers queue for a database's write lock, held meanwhile by another SQLite connection (this
 * test's own, outside the launcher); returns how long after its release the last of them was
 * done, and how many documents the collection then holds.
 */
function writersAfterRelease(handoff: boolean, writers: number, holdMs: number): Promise<{ doneMs: number; count: number }> {
  return withLauncher([`-write-lock-handoff=${handoff}`], {}, async ({ port, dir }) => {
    const client = await mongo.MongoClient.connect(`mongodb://127.0.0.1:${port}/?directConnection=true`, { maxPoolSize: writers, monitorCommands: true });
    try {
      const collection = client.db('handoff').collection<{ _id: string }>('writes');
      await collection.insertOne({ _id: 'first' });
      const lockHolder = new DatabaseSync(join(dir, 'handoff.sqlite'));
      let started = 0;
      client.on('commandStarted', (event) => (started += event.commandName === 'insert' ? 1 : 0));
      lockHolder.exec('BEGIN IMMEDIATE');
      let released = Number.POSITIVE_INFINITY;
      try {
        const inserts = Array.from({ length: writers }, (_, i) => collection.insertOne({ _id: `w${i}` }).then(() => performance.now()));
        await waitFor(() => started === writers, { timeoutMs: 10_000, description: 'every insert to be sent' });
        // The scenario, not a wait for a condition: the writers spend this long on the lock.
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        lockHolder.exec('COMMIT');
        released = performance.now();
        const doneAt = await Promise.all(inserts);
        return { doneMs: Math.max(...doneAt) - released, count: await collection.countDocuments() };
      } finally {
        if (released === Number.POSITIVE_INFINITY) lockHolder.exec('ROLLBACK');
        lockHolder.close();
      }
    } finally {
      await client.close();
    }
  });
}

describe('the FerretDB launcher’s write lock handoff (infra/ferretdb-launcher/write_lock_handoff.go)', () => {
  it('has writers waiting for a database’s write lock go as soon as it is free, far sooner than SQLite’s sleeps let them', async () => {
    // SQLite's own busy handler sleeps 1, 2, 5, 10, … 100 ms between tries: after 300 ms of
    // waiting each writer is in a sleep of 50–100 ms, and each loser of a race sleeps again.
    // The handoff wakes a waiter at each release the launcher sees, and every millisecond.
    const sleeping = await writersAfterRelease(false, 16, 300);
    const handedOff = await writersAfterRelease(true, 16, 300);
    expect(sleeping.count).toBe(17);
    expect(handedOff.count).toBe(17);
    expect(handedOff.doneMs).toBeLessThan(sleeping.doneMs / 3);
  }, 60_000);

  it('checkpoints the write-ahead log as SQLite’s automatic checkpoint did (its hook is replaced)', async () => {
    await withLauncher([], {}, async ({ port, dir }) => {
      const client = await mongo.MongoClient.connect(`mongodb://127.0.0.1:${port}/?directConnection=true`);
      try {
        const collection = client.db('checkpoints').collection<{ _id: number; note: string }>('writes');
        // A few frames of 4 KiB per commit: without checkpoints the log passes 1,000 frames (4 MB)
        // after a few hundred commits and reached 11 MB here (measured with the call removed).
        for (let i = 0; i < 1_200; i += 1) await collection.insertOne({ _id: i, note: 'x'.repeat(200) });
        const walBytes = statSync(join(dir, 'checkpoints.sqlite-wal')).size;
        expect(walBytes).toBeLessThan(6 * 1024 * 1024);
        expect(await collection.countDocuments()).toBe(1_200);
      } finally {
        await client.close();
      }
    });
  }, 60_000);
});
