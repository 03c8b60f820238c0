// Types of log-format.js (CommonJS, loaded by lantern.mjs and its tests).
import type { Readable } from 'node:stream';

export declare function chooseFormat(options: { isTTY: boolean | undefined; env?: NodeJS.ProcessEnv }): 'pretty' | 'json';
export declare function prettyLine(line: string, options: { service: string; serviceColour?: number; colour?: boolean }): string;
export declare function eachLine(stream: Readable, onLine: (line: string) => void): void;
