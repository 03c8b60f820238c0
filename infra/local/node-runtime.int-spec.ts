import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ENGINES, PINNED, RELAUNCHED, satisfies } from './node-runtime';

const root = join(__dirname, '..', '..');

describe('lantern.mjs on an unsupported Node', () => {
  it('runs the command on a supported Node: the pinned LTS, fetched into .lantern/node/, when the running one is older', () => {
    const env = { ...process.env };
    delete env[RELAUNCHED];
    const result = spawnSync(process.execPath, ['infra/local/lantern.mjs', 'exec', 'node', '-p', 'process.version'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(result.status).toBe(0);
    const version = result.stdout.trim().split('\n').pop() ?? '';
    expect(satisfies(version, ENGINES)).toBe(true);
    // Under jest on an old Node (as `npx jest` on this machine's Node 20) the relaunch is what is tested.
    if (!satisfies(process.versions.node, ENGINES)) expect(version).toBe(`v${PINNED.version}`);
  }, 300_000);
});
