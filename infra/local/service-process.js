#!/usr/bin/env node
// How a service is started as a process — the one place that says so. `npm start`
// (lantern.mjs), the journey benchmark and the tests that need a service as its own process all
// spawn through here, so they run what production runs: the compiled JavaScript in dist/ (see
// infra/build/build.js), with the same V8 flags as the Docker image (infra/docker/Dockerfile
// repeats them in its CMD; infra/docker/compose.spec.ts checks they agree).
//
//   node infra/local/service-process.js <service>   build if stale, then run it in the foreground
//                                                   (the Nx `serve` targets)
//
// CommonJS with built-ins only, so that lantern.mjs (before `npm ci`), the TypeScript benchmarks
// and jest can all load it; service-process.d.ts gives TypeScript its types.
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Node flags for a service, each measured with `npm run bench -- --rss` (bench/README.md, "Memory
 * of an idle service"; ~125 MB per idle service with all three, ~142 MB with none):
 * --max-semi-space-size=2 — V8's young generation may take 16 MB per semi-space on 64-bit. 1 MB
 *   semi-spaces took ~17 MB off each idle process; 2 MB cost ~3 MB of that back and save the
 *   services ~5 ms of CPU per journey in garbage collection (journey driver, 16 concurrent, two
 *   runs each: 9.46 / 9.54 → 9.80 / 10.0 journeys/s).
 * --max-old-space-size=1024 — any explicit cap (256 to 1024 measured alike) makes V8 collect
 *   earlier during start-up than under its default limit (~4 GB here): ~7 MB less at idle. 1 GB is
 *   ~4× the most a service reached under the journey benchmark's load, so only a leak meets it.
 * --require …/source-maps.preload.js — stack traces name the TypeScript lines of Lantern's code,
 *   worth it for logs people have to read; unlike `--enable-source-maps`, not node_modules' own
 *   maps, which kept 1–3 MB per process (the preload says more).
 */
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=1024', '--require=./dist/libs/platform/src/source-maps.preload.js'];

/** The compiled entry point of a service, relative to the repository root. */
const serviceEntry = (name) => `dist/services/${name}/src/main.js`;

/** What to run: `node <flags> dist/services/<name>/src/main.js`, from the repository root. */
function serviceCommand(name) {
  return { command: process.execPath, args: [...SERVICE_NODE_FLAGS, serviceEntry(name)], cwd: ROOT };
}

let building;
/** Compiles dist/ if a source is newer (once per process; a no-op in ~0.1 s when fresh). */
function ensureBuilt() {
  building ??= require('../build/build.js').buildIfStale();
  return building;
}

/** Spawns the service from dist/ (call ensureBuilt() first); options as child_process.spawn's. */
function spawnService(name, options = {}) {
  const { command, args, cwd } = serviceCommand(name);
  return spawn(command, args, { cwd, ...options });
}

module.exports = { SERVICE_NODE_FLAGS, serviceEntry, serviceCommand, ensureBuilt, spawnService };

if (require.main === module) {
  const name = process.argv[2];
  if (!name) {
    process.stderr.write('usage: node infra/local/service-process.js <service>\n');
    process.exit(2);
  }
  ensureBuilt().then(
    () => {
      const child = spawnService(name, { stdio: 'inherit' });
      for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
      // End the way the service ended: with its code, or by the same signal (Nest re-raises SIGTERM).
      child.on('exit', (code, signal) => {
        if (code !== null) process.exit(code);
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      });
    },
    (error) => {
      process.stderr.write(`build failed: ${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
