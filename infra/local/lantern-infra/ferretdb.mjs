// FerretDB: our launcher (infra/ferretdb-launcher, docs/decisions/0004) built with `go build`
// when its sources change, and described to processes.mjs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LAUNCHER_SRC, P, ports, rel } from './layout.mjs';
import { tcpAccepts } from './processes.mjs';
import { InfraError, findExecutable, isExecutable, logIncludes, readJson, requireTools, run, secs, writeFileAtomic } from './shell.mjs';

// The launcher prints this line once FerretDB is set up and its listener bound (main.go).
// Readiness is that line plus the port accepting connections, the same two facts as Kafka's,
// rather than a MongoDB `hello`: speaking the wire protocol takes either the mongodb driver, which
// is not there before `npm ci` (this script runs first), or a hand-written BSON codec, which is
// what this replaced (docs/decisions/0005-infra-script-before-npm-ci.md).
const FERRET_READY_MARKER = 'msg="lantern-ferretdb ready"';

export const ferretdb = {
  name: 'ferretdb',
  envVar: 'MONGO_URL',
  portVar: 'LANTERN_MONGO_PORT',
  pidFile: P.ferretPid,
  logFile: P.ferretLog,
  marker: 'lantern-ferretdb',
  port: () => ports().mongo,
  url: (port) => `mongodb://127.0.0.1:${port}/?directConnection=true`,
  async ready(port) {
    return logIncludes(P.ferretLog, FERRET_READY_MARKER) && (await tcpAccepts(port));
  },
};

function launcherHash() {
  if (!fs.existsSync(path.join(LAUNCHER_SRC, 'go.mod'))) {
    throw new InfraError(`FerretDB launcher source not found at ${rel(LAUNCHER_SRC)}`);
  }
  const files = fs
    .readdirSync(LAUNCHER_SRC)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(LAUNCHER_SRC, f))).update('\0');
  return h.digest('hex');
}

function ferretWantedStamp() {
  return { launcherSha256: launcherHash(), platform: `${process.platform}-${process.arch}` };
}

export function ferretInstalled() {
  const stamp = readJson(P.ferretStamp);
  return (
    !!stamp && JSON.stringify(stamp) === JSON.stringify(ferretWantedStamp()) && isExecutable(P.ferretBin)
  );
}

export async function installFerret(log) {
  requireTools(['go']);
  const t0 = Date.now();
  log(`building FerretDB launcher into ${rel(P.ferretBin)} (go build; the first build takes a minute or two)...`);
  fs.mkdirSync(P.binDir, { recursive: true });
  const tmp = `${P.ferretBin}.tmp-${process.pid}`;
  await run(findExecutable('go'), ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], {
    cwd: LAUNCHER_SRC,
    // GOWORK=off: a go.work at the repo root must not capture this standalone module.
    env: { ...process.env, GOWORK: 'off', CGO_ENABLED: '0' },
  });
  fs.renameSync(tmp, P.ferretBin);
  writeFileAtomic(P.ferretStamp, `${JSON.stringify(ferretWantedStamp(), null, 2)}\n`);
  log(`FerretDB launcher built in ${secs(Date.now() - t0)}`);
}

export async function launchFerret() {
  fs.mkdirSync(P.ferretData, { recursive: true });
  return {
    cmd: P.ferretBin,
    args: ['-listen', `127.0.0.1:${ports().mongo}`, '-sqlite-dir', P.ferretData],
  };
}
