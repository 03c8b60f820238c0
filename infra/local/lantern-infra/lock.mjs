// A lock file serialises install/start/stop across concurrent callers (parallel Nx targets, two
// terminals): the first holds .lantern/infra.lock with its pid; the others wait for it.
import fs from 'node:fs';
import { P, STATE_DIR, rel } from './layout.mjs';
import { isAlive, readPid } from './processes.mjs';
import { InfraError, sleep } from './shell.mjs';

const LOCK_DEADLINE_MS = 10 * 60_000; // an install (mvn + go build) can take minutes

export async function withLock(log, fn) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const start = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(P.lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPid(P.lock);
      let stale = owner === null ? Date.now() - safeMtime(P.lock) > 5000 : !isAlive(owner) || owner === process.pid;
      if (stale) {
        fs.rmSync(P.lock, { force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for another lantern-infra process (pid ${owner}) to finish...`);
        announced = true;
      }
      if (Date.now() - start > LOCK_DEADLINE_MS) {
        throw new InfraError(`timed out waiting for ${rel(P.lock)} (held by pid ${owner})`);
      }
      await sleep(250);
    }
  }
  const release = () => {
    if (readPid(P.lock) === process.pid) fs.rmSync(P.lock, { force: true });
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}

function safeMtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
