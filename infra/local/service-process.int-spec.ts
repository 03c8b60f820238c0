import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- infra/ is no Nx project: loaded by path, as libs/testing does
const serviceProcess: { SERVICE_NODE_FLAGS: string[]; ensureBuilt(): Promise<unknown> } = require(join(__dirname, 'service-process.js'));
const ROOT = join(__dirname, '..', '..');

/** The stack of an error thrown in Lantern's compiled code, in a node run with a service's flags. */
async function stackOfAConfigError(): Promise<string> {
  const script = [
    "const { loadConfig } = require('./dist/libs/config/src/load-config.js');",
    "const { baseConfigSchema } = require('./dist/libs/config/src/base-config.schema.js');",
    "try { loadConfig(baseConfigSchema, { PORT: 'not-a-port' }); } catch (error) { console.log(error.stack); }",
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, [...serviceProcess.SERVICE_NODE_FLAGS, '-e', script], { cwd: ROOT });
  return stdout;
}

describe('a service process’s node flags (infra/local/service-process.js)', () => {
  beforeAll(() => serviceProcess.ensureBuilt(), 240_000);

  it('make stack traces name the TypeScript line of Lantern’s code, not the compiled one', async () => {
    const stack = await stackOfAConfigError();
    expect(stack).toContain('ConfigError');
    expect(stack).toMatch(/libs\/config\/src\/load-config\.ts:\d+:\d+/);
    expect(stack).not.toMatch(/dist\/libs\/config\/src\/load-config\.js/);
  }, 30_000);
});
