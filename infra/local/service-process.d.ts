// Types of service-process.js (CommonJS, loaded by lantern.mjs, the benchmarks and tests).
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export declare const SERVICE_NODE_FLAGS: readonly string[];
export declare function serviceEntry(name: string): string;
export declare function serviceCommand(name: string): { command: string; args: string[]; cwd: string };
export declare function ensureBuilt(): Promise<{ built: number; ms: number; reason?: string }>;
export declare function spawnService(name: string, options?: SpawnOptions): ChildProcess;
