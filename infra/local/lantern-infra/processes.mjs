// Process supervision: a server runs detached, with a pid file holding "<pid>\n<port>\n"; it is
// ready when its own `ready(port)` check says so, and stops on SIGTERM (SIGKILL after a deadline).
// Each server is described once (kafka.mjs, ferretdb.mjs):
//   { name, envVar, portVar, pidFile, logFile, marker, port(), url(port), ready(port),
//     afterExit?(clean) }   — marker: a string of its command line (guards against pid reuse).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { STATE_DIR, rel } from './layout.mjs';
import { InfraError, secs, sleep, tail } from './shell.mjs';

export const READY_DEADLINE_MS = 90_000;
export const STOP_DEADLINE_MS = 30_000;

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  // A zombie (exited, not yet reaped) counts as dead.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/s.test(stat)) return false;
  } catch {
    /* no /proc (macOS) */
  }
  return true;
}

/** Whether pid is alive and its command line contains marker (guards against pid reuse). */
export function isOurProcess(pid, marker) {
  if (!isAlive(pid)) return false;
  let cmdline = null;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    const r = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    if (r.status === 0) cmdline = r.stdout;
  }
  return cmdline === null ? true : cmdline.includes(marker);
}

export function readPid(file) {
  return readPidFile(file).pid;
}

/** Pid files hold "<pid>\n<port>\n" (the port the process was started on). */
export function readPidFile(file) {
  try {
    const [pidText, portText] = fs.readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText.trim());
    const port = Number((portText || '').trim());
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : null, port: Number.isInteger(port) && port > 0 ? port : null };
  } catch {
    return { pid: null, port: null };
  }
}

function rmPid(file) {
  fs.rmSync(file, { force: true });
}

export function tcpAccepts(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

function spawnDetached(svc, cmd, args, port) {
  fs.mkdirSync(path.dirname(svc.logFile), { recursive: true });
  // Keep the previous run's log as <log>.1; readiness checks only read the fresh one.
  if (fs.existsSync(svc.logFile)) fs.renameSync(svc.logFile, `${svc.logFile}.1`);
  const fd = fs.openSync(svc.logFile, 'w');
  let child;
  try {
    child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], cwd: STATE_DIR });
  } finally {
    fs.closeSync(fd);
  }
  const state = { exited: false, code: null, signal: null };
  child.on('exit', (code, signal) => Object.assign(state, { exited: true, code, signal }));
  child.on('error', (err) => Object.assign(state, { exited: true, error: err }));
  child.unref();
  if (child.pid) fs.writeFileSync(svc.pidFile, `${child.pid}\n${port}\n`);
  return { pid: child.pid, state };
}

function logTail(svc) {
  return `last lines of ${rel(svc.logFile)}:\n${tail(svc.logFile, rel(svc.logFile))}`;
}

async function waitReady(svc, pid, childState, t0, log) {
  const port = svc.port();
  const deadline = t0 + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    const dead = childState ? childState.exited : !isAlive(pid);
    if (dead || !isAlive(pid)) {
      rmPid(svc.pidFile);
      svc.afterExit?.(false);
      const how = childState?.error
        ? childState.error.message
        : childState?.exited
          ? `exit ${childState.code ?? childState.signal}`
          : 'exited';
      throw new InfraError(`${svc.name} died during start (${how}); ${logTail(svc)}`);
    }
    if (await svc.ready(port)) return;
    await sleep(100);
  }
  log(`${svc.name} not ready after ${secs(READY_DEADLINE_MS)}, stopping it`);
  await stopService(svc, log);
  throw new InfraError(`${svc.name} did not become ready within ${secs(READY_DEADLINE_MS)}; ${logTail(svc)}`);
}

/**
 * Returns {pid, startedHere} once the server is ready; reuses a running instance. `launch()`
 * resolves with {cmd, args, prepare?, discardOnDeath?, discardLabel?}: discardOnDeath() may drop
 * something that made the process die at start-up (and say whether it did), for one retry.
 */
export async function ensureService(svc, launch, log) {
  const port = svc.port();
  const t0 = Date.now();
  const { pid, port: runningPort } = readPidFile(svc.pidFile);
  if (pid && isOurProcess(pid, svc.marker)) {
    if (runningPort && runningPort !== port) {
      throw new InfraError(
        `${svc.name} is already running on port ${runningPort} (pid ${pid}), but port ${port} was asked for; ` +
          'run `node infra/local/lantern-infra.mjs stop` first, or unset the port variable.',
      );
    }
    if (await svc.ready(port)) {
      log(`${svc.name} already running (pid ${pid}, port ${port})`);
      return { pid, startedHere: false };
    }
    log(`${svc.name} process ${pid} is alive but not answering on port ${port} yet; waiting...`);
    await waitReady(svc, pid, null, t0, log);
    log(`${svc.name} ready in ${secs(Date.now() - t0)} (pid ${pid}, port ${port})`);
    return { pid, startedHere: false };
  }
  if (pid) rmPid(svc.pidFile);
  svc.afterExit?.(false);
  if (await tcpAccepts(port)) {
    throw new InfraError(
      `port ${port} is already in use by a process lantern-infra did not start. Either stop it, point ` +
        `${svc.envVar} at it, or pick another port with ${svc.portVar}.`,
    );
  }
  let attempt = 0;
  let child;
  let prepare;
  for (;;) {
    const launched = await launch();
    prepare = launched.prepare;
    const tLaunch = Date.now();
    child = spawnDetached(svc, launched.cmd, launched.args, port);
    if (!child.pid) {
      await sleep(50);
      throw new InfraError(`could not start ${svc.name}: ${child.state.error?.message ?? 'spawn failed'}`);
    }
    try {
      await waitReady(svc, child.pid, child.state, tLaunch, log);
      break;
    } catch (err) {
      if (attempt++ === 0 && child.state.exited && launched.discardOnDeath?.()) {
        log(`${svc.name} died at start-up; discarded ${launched.discardLabel} and retrying`);
        continue;
      }
      throw err;
    }
  }
  const extra = prepare ? `, incl. ${prepare}` : '';
  log(`${svc.name} ready in ${secs(Date.now() - t0)}${extra} (pid ${child.pid}, port ${port}, log ${rel(svc.logFile)})`);
  return { pid: child.pid, startedHere: true };
}

/** SIGTERM, then SIGKILL after deadlineMs; resolves with whether a running server was stopped. */
export async function stopService(svc, log, deadlineMs = STOP_DEADLINE_MS) {
  const pid = readPid(svc.pidFile);
  if (!pid || !isOurProcess(pid, svc.marker)) {
    if (pid) log(`${svc.name}: pid ${pid} from ${rel(svc.pidFile)} is not running; cleaning up`);
    else log(`${svc.name} is not running`);
    rmPid(svc.pidFile);
    svc.afterExit?.(false);
    return false;
  }
  const t0 = Date.now();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  let clean = true;
  while (isAlive(pid)) {
    if (Date.now() - t0 > deadlineMs) {
      log(`${svc.name} (pid ${pid}) did not stop within ${secs(deadlineMs)}; sending SIGKILL`);
      clean = false;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      const k0 = Date.now();
      while (isAlive(pid) && Date.now() - k0 < 5000) await sleep(100);
      break;
    }
    await sleep(100);
  }
  rmPid(svc.pidFile);
  svc.afterExit?.(clean);
  log(`${svc.name} stopped (pid ${pid}, ${secs(Date.now() - t0)})`);
  return true;
}
