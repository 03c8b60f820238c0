#!/usr/bin/env node
// `npm run build`: compiles the services and the libraries they use from TypeScript to CommonJS
// JavaScript in dist/ (same tree: services/orders/src/main.ts → dist/services/orders/src/main.js),
// with source maps, so that a service runs as plain `node dist/services/<name>/src/main.js` —
// no compiler loaded at run time (less memory, faster start, nothing to compile in production).
//
// Why @swc/core file by file and not tsc: it is the transform the tests (@swc/jest) and the
// dev tools (@swc-node/register) already use, with the repository's .swcrc (legacy decorators +
// decorator metadata, which Nest's dependency injection reads), and it compiles the ~430 files in
// about a second on 2 cores; tsc would type-check again what `npm run typecheck` checks, ~10×
// slower. Type errors are the typecheck's job, not the build's.
//
// The `@lantern/*` aliases of tsconfig.base.json are rewritten into relative paths by swc itself
// (jsc.paths), so dist/ needs no resolver at run time; the build fails if one is left.
//
//   node infra/build/build.js              build everything
//   node infra/build/build.js --if-stale   only when a source is newer than the last build
//
// Several processes may ask at once (npm start, a bench, a test): one builds under a lock, the
// others wait for it and find the build fresh. Files are replaced by rename, so a service that
// starts meanwhile reads whole files.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp.json');
const LOCK = path.join(DIST, '.build-lock');
/** A lock older than this was left by a build that died; builds take seconds. */
const STALE_LOCK_MS = 120_000;
/** What is compiled: the services and the libraries, not libs/testing (the test harness). */
const SOURCE_ROOTS = ['services', 'libs'];
const NOT_BUILT = new Set(['libs/testing']);
/** Files whose change changes every output. */
const CONFIG_FILES = ['.swcrc', 'tsconfig.base.json', 'infra/build/build.js'];

const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.int-spec.ts');

function walk(dir, keep, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, keep, found);
    else if (keep(entry.name)) found.push(full);
  }
  return found;
}

/** services/<name>/src/**.ts and libs/<name>/src/**.ts, specs left out; relative, sorted. */
function sourceFiles() {
  const files = [];
  for (const top of SOURCE_ROOTS) {
    for (const project of fs.readdirSync(path.join(ROOT, top)).sort()) {
      const src = path.join(ROOT, top, project, 'src');
      if (NOT_BUILT.has(`${top}/${project}`) || !fs.existsSync(src)) continue;
      files.push(...walk(src, isSource));
    }
  }
  return files.map((file) => path.relative(ROOT, file).split(path.sep).join('/')).sort();
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why the build is out of date, or undefined when it is not. */
function staleness(files = sourceFiles()) {
  const stamp = readStamp();
  if (!stamp) return 'no build yet';
  if (stamp.files.length !== files.length || stamp.files.some((file, index) => file !== files[index])) return 'files were added, removed or renamed';
  const changed = [...CONFIG_FILES, ...files].find((file) => fs.statSync(path.join(ROOT, file)).mtimeMs > stamp.startedAtMs);
  return changed && `${changed} changed`;
}

function swcOptions() {
  const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
  const { paths } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  // baseUrl must be absolute for swc; only the relative paths it computes reach the output.
  return { ...swcrc, swcrc: false, sourceMaps: true, jsc: { ...swcrc.jsc, baseUrl: ROOT, paths } };
}

/** Writes by rename, so a reader sees the old file or the new one, never half of one. */
function writeWhole(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

async function compile(file, options) {
  const swc = require('@swc/core'); // a dev dependency: only loaded when there is something to build
  const source = path.join(ROOT, file);
  const output = path.join(DIST, file.replace(/\.ts$/, '.js'));
  const { code, map } = await swc.transformFile(source, { ...options, filename: source, sourceFileName: path.relative(path.dirname(output), source).split(path.sep).join('/') });
  const alias = /require\("(@lantern\/[^"]+)"\)/.exec(code);
  if (alias) throw new Error(`${file}: ${alias[1]} was not rewritten to a relative path (is it in tsconfig.base.json paths?)`);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  writeWhole(`${output}.map`, map);
  writeWhole(output, `${code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
  return [output, `${output}.map`];
}

/** Outputs of sources that no longer exist would otherwise stay loadable. */
function removeLeftovers(written) {
  const keep = new Set(written);
  for (const top of SOURCE_ROOTS) {
    const dir = path.join(DIST, top);
    if (!fs.existsSync(dir)) continue;
    for (const file of walk(dir, () => true)) if (!keep.has(file)) fs.rmSync(file);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function withLock(work) {
  fs.mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Compiles every source into dist/ and records what was built from what, and when. */
async function buildNow(files) {
  const startedAtMs = Date.now();
  const options = swcOptions();
  const written = (await Promise.all(files.map((file) => compile(file, options)))).flat();
  removeLeftovers(written);
  writeWhole(STAMP, JSON.stringify({ startedAtMs, files }));
  return { built: files.length, ms: Date.now() - startedAtMs };
}

/** Always builds. */
async function build() {
  return withLock(() => buildNow(sourceFiles()));
}

/** Builds only when dist/ is older than its sources; `built: 0` when it was up to date. */
async function buildIfStale() {
  const checkStarted = Date.now();
  if (!staleness()) return { built: 0, ms: Date.now() - checkStarted };
  return withLock(async () => {
    const files = sourceFiles();
    const reason = staleness(files); // another process may have built it while we waited
    return reason ? { ...(await buildNow(files)), reason } : { built: 0, ms: Date.now() - checkStarted };
  });
}

module.exports = { build, buildIfStale, staleness, DIST };

if (require.main === module) {
  const ifStale = process.argv.includes('--if-stale');
  (ifStale ? buildIfStale() : build()).then(
    ({ built, ms, reason }) => {
      process.stdout.write(built === 0 ? `dist/ is up to date (checked in ${ms} ms)\n` : `built ${built} files into dist/ in ${(ms / 1000).toFixed(1)} s${reason ? ` (${reason})` : ''}\n`);
    },
    (error) => {
      process.stderr.write(`build failed: ${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
