#!/usr/bin/env node
// Lantern local infrastructure: a single-node Kafka (KRaft, from Maven Central jars) and
// FerretDB 1.x (MongoDB wire protocol on SQLite, built from the Go module proxy).
//
// Uses only Node built-ins: it must work before `npm install` (docs/decisions/0005).
//
//   node infra/local/lantern-infra.mjs <install|start|stop|status|reset|env|kafka-topics> [-q]
//
// Also importable:
//   import { ensureInfra, stopInfra, infraStatus } from '<repo>/infra/local/lantern-infra.mjs';
//   const { kafkaBrokers, mongoUrl, startedHere } = await ensureInfra({ quiet: true });
//
// All state lives under <repo root>/.lantern/ (git-ignored). The parts, one concern each, are in
// lantern-infra/: layout (paths, versions, profiles and ports), shell (files, tools, commands),
// processes (detached servers, pid files, readiness, stop), lock, kafka, ferretdb, infra (the API
// below) and cli. See infra/local/README.md.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { runCli } from './lantern-infra/cli.mjs';

export { ensureInfra, infraEnv, infraStatus, installInfra, resetInfra, stopInfra } from './lantern-infra/infra.mjs';
export { REPO_ROOT, VERSIONS } from './lantern-infra/layout.mjs';

function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) runCli(process.argv.slice(2));
