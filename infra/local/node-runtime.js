// Which Node.js the project's commands run on, and how they get it. `npm start`, `npm test` and
// `npm run bench` (lantern.mjs) call ensureSupportedNode() first: on a Node that package.json's
// `engines` does not accept (this machine's Node 20 reached end of life), the pinned LTS of
// node-runtime.json is fetched once with `npm pack` — from whatever registry npm is configured
// with — checked against its pinned sha512, unpacked into .lantern/node/v<version>/, and the
// command is run again under it with that bin/ first on PATH, so npm, npx, jest and the services
// it starts all run on the LTS too. On a supported Node nothing is fetched.
//
// CommonJS with built-ins only: it runs before `npm ci`, and jest loads it in its tests.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PINNED = JSON.parse(fs.readFileSync(path.join(__dirname, 'node-runtime.json'), 'utf8'));
const ENGINES = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node;
/** Set on the command run again under the fetched Node, so that it never loops. */
const RELAUNCHED = 'LANTERN_NODE_RELAUNCHED';

const parse = (version) => String(version).replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
function compare(a, b) {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i += 1) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * Whether `version` satisfies an npm range made of space-separated comparators (>=, >, <=, <, =)
 * and caret ranges, joined by `||` — as much of npm's syntax as `engines` here uses.
 */
function satisfies(version, range) {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const [, operator = '', bound] = /^(>=|<=|>|<|=|\^)?v?(\d+(?:\.\d+){0,2})$/.exec(comparator) ?? [];
        if (bound === undefined) throw new Error(`unsupported range "${range}" in package.json engines`);
        const order = compare(version, bound);
        if (operator === '^') return order >= 0 && parse(version)[0] === parse(bound)[0];
        return { '>=': order >= 0, '>': order > 0, '<=': order <= 0, '<': order < 0, '=': order === 0, '': order === 0 }[operator];
      }),
  );
}

const installDir = (version = PINNED.version) => path.join(ROOT, '.lantern', 'node', `v${version}`);
const nodeBinary = (version = PINNED.version) => path.join(installDir(version), 'bin', 'node');

/** The sha512 integrity string (as npm writes it) of a file. */
const integrityOf = (file) => `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;

/** Whether the unpacked binary is there and is the pinned version (a half-unpacked one is not). */
function installed(version = PINNED.version) {
  const binary = nodeBinary(version);
  if (!fs.existsSync(binary)) return false;
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === `v${version}`;
}

/** Fetches, verifies and unpacks the pinned Node into .lantern/node/v<version>/; returns its bin/node. */
function install({ say = () => {} } = {}) {
  const platform = `${process.platform}-${process.arch}`;
  const pkg = PINNED.packages[platform];
  if (!pkg) throw new Error(`no pinned Node ${PINNED.version} package for ${platform} in infra/local/node-runtime.json`);
  if (installed()) return nodeBinary();
  say(`fetching Node ${PINNED.version} LTS (${pkg.name}) into .lantern/node/ …`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-node-'));
  try {
    // npm pack fetches through npm's own configuration (registry, proxy, cache) and runs no scripts.
    const pack = spawnSync('npm', ['pack', `${pkg.name}@${PINNED.version}`, '--pack-destination', scratch, '--json', '--loglevel=error'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (pack.status !== 0) throw new Error(`npm pack ${pkg.name}@${PINNED.version} failed (exit ${pack.status})`);
    const tarball = path.join(scratch, JSON.parse(pack.stdout)[0].filename);
    const actual = integrityOf(tarball);
    if (actual !== pkg.integrity) throw new Error(`${pkg.name}@${PINNED.version}: integrity ${actual} is not the pinned ${pkg.integrity}`);
    // Only the binary and its licence: the headers and man pages would triple the size.
    const unpacked = path.join(scratch, 'unpacked');
    fs.mkdirSync(unpacked);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', unpacked, 'package/bin/node', 'package/LICENSE'], { stdio: 'inherit' });
    if (tar.status !== 0) throw new Error(`unpacking ${tarball} failed (tar exit ${tar.status})`);
    // Rename into place: a concurrent or interrupted install never leaves a half-written binary there.
    if (installed()) return nodeBinary(); // another command finished the same install meanwhile
    fs.mkdirSync(path.dirname(installDir()), { recursive: true });
    fs.rmSync(installDir(), { recursive: true, force: true });
    fs.renameSync(path.join(unpacked, 'package'), installDir());
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!installed()) throw new Error(`${nodeBinary()} does not run as Node ${PINNED.version}`);
  return nodeBinary();
}

/**
 * null when this Node is supported; otherwise the Node to run under instead (fetched if needed),
 * with the environment to give it. Unsupported and unpinned platforms keep the running Node.
 */
function supportedNode({ say = () => {}, version = process.versions.node, env = process.env } = {}) {
  if (satisfies(version, ENGINES)) return null;
  if (env[RELAUNCHED]) throw new Error(`relaunched under Node ${version}, which is still not ${ENGINES}`);
  if (!PINNED.packages[`${process.platform}-${process.arch}`]) {
    say(`Node ${version} is not supported (package.json engines: ${ENGINES}) and no LTS binary is pinned for ${process.platform}-${process.arch}; going on with it. Install Node ${PINNED.version}.`);
    return null;
  }
  const binary = install({ say });
  const bin = path.dirname(binary);
  return { binary, env: { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}`, [RELAUNCHED]: '1' } };
}

module.exports = { PINNED, ENGINES, RELAUNCHED, satisfies, compare, installDir, nodeBinary, integrityOf, install, installed, supportedNode };
