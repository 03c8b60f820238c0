// Types of node-runtime.js (CommonJS, loaded by lantern.mjs before `npm ci`, and by its tests).
export interface PinnedNode {
  version: string;
  lts: string;
  packages: Record<string, { name: string; integrity: string }>;
}
export declare const PINNED: PinnedNode;
export declare const ENGINES: string;
export declare const RELAUNCHED: string;
export declare function satisfies(version: string, range: string): boolean;
export declare function compare(a: string, b: string): number;
export declare function installDir(version?: string): string;
export declare function nodeBinary(version?: string): string;
export declare function integrityOf(file: string): string;
export declare function installed(version?: string): boolean;
export declare function install(options?: { say?: (message: string) => void }): string;
export declare function supportedNode(options?: {
  say?: (message: string) => void;
  version?: string;
  env?: NodeJS.ProcessEnv;
}): { binary: string; env: NodeJS.ProcessEnv } | null;
