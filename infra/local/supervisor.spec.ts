import { waitFor } from '@lantern/testing';
import { spawn } from 'node:child_process';
import { backoffDelay, DEFAULT_BACKOFF, Supervisor } from './supervisor';

const node = (script: string) => () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

describe('Supervisor (npm start keeps each service running)', () => {
  it('waits 1 s, 2 s, 4 s … at most 30 s between restarts', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('restarts a process that exits, with back-off, saying so each time', async () => {
    const said: string[] = [];
    const supervisor = new Supervisor({ name: 'crashy', spawn: node('process.exit(3)'), say: (message) => said.push(message), backoff: { initialMs: 20, maxMs: 80, resetAfterMs: 60_000 } });
    supervisor.start();
    await waitFor(() => said.length >= 3, { description: 'three restarts' });
    await supervisor.stop(1000);
    expect(said.slice(0, 3)).toEqual([
      'crashy exited (code 3); restarting it in 0.02 s (restart 1)',
      'crashy exited (code 3); restarting it in 0.04 s (restart 2)',
      'crashy exited (code 3); restarting it in 0.08 s (restart 3)',
    ]);
  });

  it('stops a process without restarting it, killing it when it ignores SIGTERM past the grace period', async () => {
    const said: string[] = [];
    const starts: number[] = [];
    const supervisor = new Supervisor({
      name: 'stubborn',
      spawn: () => spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'] }),
      onStart: (child, restarts) => {
        starts.push(restarts);
        child.stdout?.on('data', () => starts.push(-1));
      },
      say: (message) => said.push(message),
    });
    const child = supervisor.start();
    await waitFor(() => starts.includes(-1), { description: 'the process to install its SIGTERM handler' });
    const began = Date.now();
    await supervisor.stop(300);
    expect(child.signalCode).toBe('SIGKILL');
    expect(Date.now() - began).toBeLessThan(5000);
    expect(said).toEqual([]);
    expect(starts.filter((value) => value >= 0)).toEqual([0]);
  });
});
