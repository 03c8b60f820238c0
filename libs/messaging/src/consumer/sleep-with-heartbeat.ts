const HEARTBEAT_EVERY_MS = 2000;

/** Waits without letting the group coordinator think this consumer died. */
export async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_EVERY_MS, until - Date.now())));
    await heartbeat().catch(() => undefined);
  }
}

/** Runs work while a pacemaker heartbeats for it, so long handlers cause no rebalance storms. */
export async function withPacemaker<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const pacemaker = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(pacemaker);
  }
}
