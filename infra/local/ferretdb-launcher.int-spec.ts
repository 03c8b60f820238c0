import { freePort, waitFor } from '@lantern/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The launcher the integration run's FerretDB was started from (the global setup built it).
const LAUNCHER = join(__dirname, '..', '..', '.lantern', 'bin', 'lantern-ferretdb');

/** Starts the launcher on a scratch directory until it is ready; returns the settings it logged. */
async function garbageCollectorOf(args: string[], env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ferretdb-gc-'));
  const goEnv = { ...process.env };
  delete goEnv.GOGC;
  delete goEnv.GOMEMLIMIT;
  let child: ChildProcess | undefined;
  try {
    child = spawn(LAUNCHER, ['-listen', `127.0.0.1:${await freePort()}`, '-sqlite-dir', dir, '-id-lookup-index=false', ...args], { env: { ...goEnv, ...env } });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor(() => output.includes('lantern-ferretdb ready'), { timeoutMs: 20_000, description: 'the launcher to log that it is ready' });
    const line = output.split('\n').find((text) => text.includes('lantern-ferretdb garbage collector'));
    if (!line) throw new Error(`no garbage collector line in: ${output}`);
    return line.slice(line.indexOf('gogc='));
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
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
