// Keeps one service process running for `npm start`: when it exits without being asked to, it is
// started again after a back-off that doubles with each quick failure (1 s, 2 s, 4 s … 30 s; a
// process that stayed up a minute starts the count again), and the supervisor says so. One
// service crashing no longer takes the other four, Kafka and the database down with it.
//
// CommonJS with built-ins only: lantern.mjs loads it before `npm ci`; jest tests it.

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

/** The wait before restart number `attempt` (1-based). */
function backoffDelay(attempt, { initialMs, maxMs } = DEFAULT_BACKOFF) {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

class Supervisor {
  /**
   * @param {object} options
   * @param {string} options.name
   * @param {() => import('node:child_process').ChildProcess} options.spawn starts the process
   * @param {(child: import('node:child_process').ChildProcess) => void} [options.onStart] each start, the first and every restart
   * @param {(message: string) => void} options.say
   * @param {{ initialMs: number, maxMs: number, resetAfterMs: number }} [options.backoff]
   */
  constructor({ name, spawn, onStart = () => {}, say, backoff = DEFAULT_BACKOFF }) {
    Object.assign(this, { name, spawnProcess: spawn, onStart, say, backoff });
    this.child = undefined;
    this.restarts = 0;
    this.stopping = false;
    this.timer = undefined;
  }

  start() {
    const child = this.spawnProcess();
    const startedAt = Date.now();
    this.child = child;
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      if (Date.now() - startedAt >= this.backoff.resetAfterMs) this.restarts = 0;
      this.restarts += 1;
      const delay = backoffDelay(this.restarts, this.backoff);
      this.say(`${this.name} exited (${signal ?? `code ${code}`}); restarting it in ${delay / 1000} s (restart ${this.restarts})`);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.stopping) this.start();
      }, delay);
    });
    this.onStart(child, this.restarts);
    return child;
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it is gone. */
  async stop(graceMs) {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

module.exports = { Supervisor, backoffDelay, DEFAULT_BACKOFF };
