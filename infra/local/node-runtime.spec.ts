import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, PINNED, RELAUNCHED, integrityOf, satisfies, supportedNode } from './node-runtime';

const root = join(__dirname, '..', '..');
const major = (version: string) => version.split('.')[0];

describe('the supported Node runtime', () => {
  it('reads npm ranges as npm does, for the forms engines uses', () => {
    expect(satisfies('24.22.3', '^24.11.0')).toBe(true);
    expect(satisfies('24.11.0', '^24.11.0')).toBe(true);
    expect(satisfies('24.10.9', '^24.11.0')).toBe(false);
    expect(satisfies('25.0.0', '^24.11.0')).toBe(false);
    expect(satisfies('20.20.2', '^24.11.0')).toBe(false);
    expect(satisfies('22.12.0', '>=22.12 <23 || ^24.11.0')).toBe(true);
    expect(satisfies('23.1.0', '>=22.12 <23 || ^24.11.0')).toBe(false);
    expect(() => satisfies('24.0.0', '24.x')).toThrow(/unsupported range/);
  });

  it('pins an LTS that package.json engines accepts, on the line the Docker image uses', () => {
    expect(satisfies(PINNED.version, ENGINES)).toBe(true);
    expect(PINNED.lts).toMatch(/^[A-Z][a-z]+$/);
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync(join(root, 'infra/docker/Dockerfile'), 'utf8'));
    expect(image?.[1]).toBe(major(PINNED.version));
    const types = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['@types/node'];
    expect(types.replace(/^\D+/, '').split('.')[0]).toBe(major(PINNED.version));
    for (const pkg of Object.values(PINNED.packages)) expect(pkg.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
  });

  it('fetches nothing on a supported Node, and refuses to loop when a relaunch is not one', () => {
    expect(supportedNode({ version: PINNED.version, env: {} })).toBeNull();
    expect(() => supportedNode({ version: '20.20.2', env: { [RELAUNCHED]: '1' } })).toThrow(/still not/);
  });

  it('checks a tarball against the sha512 integrity npm writes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lantern-integrity-')), 'x.tgz');
    writeFileSync(file, 'abc');
    // sha512("abc"), base64: the value `npm view <pkg> dist.integrity` would show for this file.
    expect(integrityOf(file)).toBe('sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==');
  });
});
