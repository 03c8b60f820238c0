// A service as its own process, started the way `npm start` starts it. How is decided in one place,
// infra/local/service-process.js (the compiled dist/ and its node flags); infra/ is no Nx project, so
// it is loaded by path here rather than imported, and tests use it through @lantern/testing.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { join } from 'node:path';

interface ServiceProcessModule {
  ensureBuilt(): Promise<{ built: number; ms: number; reason?: string }>;
  spawnService(name: string, options?: SpawnOptions): ChildProcess;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path outside every project (see above)
const serviceProcess: ServiceProcessModule = require(join(__dirname, '..', '..', '..', 'infra', 'local', 'service-process.js'));

/** Compiles dist/ if a source is newer than it (once per process), then spawns the service from it. */
export async function spawnServiceProcess(name: string, options: SpawnOptions = {}): Promise<ChildProcess> {
  await serviceProcess.ensureBuilt();
  return serviceProcess.spawnService(name, options);
}
