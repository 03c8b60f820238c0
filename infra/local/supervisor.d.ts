// Types of supervisor.js (CommonJS, loaded by lantern.mjs and its tests).
import type { ChildProcess } from 'node:child_process';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
}
export declare const DEFAULT_BACKOFF: Backoff;
export declare function backoffDelay(attempt: number, backoff?: Backoff): number;
export declare class Supervisor {
  constructor(options: { name: string; spawn: () => ChildProcess; onStart?: (child: ChildProcess, restarts: number) => void; say: (message: string) => void; backoff?: Backoff });
  readonly child: ChildProcess | undefined;
  readonly restarts: number;
  start(): ChildProcess;
  stop(graceMs: number): Promise<void>;
}
