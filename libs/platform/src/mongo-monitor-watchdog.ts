import type { Logger } from '@lantern/logging';
import type { mongo } from 'mongoose';
import { Counter, register } from 'prom-client';

/** On /metrics: a service whose database client had to be opened again (see below). */
const reopenedClients =
  (register.getSingleMetric('lantern_db_client_reopened_total') as Counter | undefined) ??
  new Counter({ name: 'lantern_db_client_reopened_total', help: 'Database clients closed and opened again because their server monitor wedged' });

export interface MonitorWatchdogOptions {
  /** The client's `connectTimeoutMS`: a heartbeat connects, then says hello, each within it. */
  connectTimeoutMS: number;
  /** The client's `heartbeatFrequencyMS`: how long a streamed (awaited) hello may wait for news. */
  heartbeatFrequencyMS: number;
  logger: Logger;
}

/** Between attempts to connect again while the database is still away. */
const RETRY_MS = 1000;

/**
 * How long a heartbeat may go without an outcome before it is taken as wedged: it has one within
 * 2 × connectTimeoutMS (connect, then hello) or, streamed, heartbeatFrequencyMS + connectTimeoutMS;
 * a second past both.
 */
export const wedgedAfterMs = (connectTimeoutMS: number, heartbeatFrequencyMS: number): number =>
  Math.max(2 * connectTimeoutMS, heartbeatFrequencyMS + connectTimeoutMS) + 1000;

export interface MonitorWatchdog {
  stop(): void;
}

/**
 * Opens the client again when its server monitor has wedged.
 *
 * The MongoDB driver (6.18; 6.20 has the same code) can start a heartbeat on a monitoring
 * connection whose socket is being destroyed at that moment: the hello is written to the dead
 * socket, `write` answers false, and the driver waits for a `drain` that a destroyed socket never
 * emits. Socket timeouts do not fire on it either, so the heartbeat neither succeeds nor fails, the
 * monitor never checks again, and a server marked Unknown by the outage that closed the socket
 * stays Unknown: every command fails server selection for good, long after the database is back.
 * `database-outage.int-spec` hit it about one run in five (the monitor found in state `monitoring`
 * with a closed connection for the test's whole minute); `mongo-monitor-watchdog.int-spec`
 * reproduces it on purpose.
 *
 * A heartbeat with no outcome after wedgedAfterMs is wedged. The client is then closed and
 * connected again (retrying while the database is away): commands meanwhile
 * fail as "not connected", which is answered 503 like any other outage.
 */
export function watchMonitorHeartbeats(client: mongo.MongoClient, options: MonitorWatchdogOptions): MonitorWatchdog {
  const { connectTimeoutMS, heartbeatFrequencyMS, logger } = options;
  const wedgedAfter = wedgedAfterMs(connectTimeoutMS, heartbeatFrequencyMS);
  /** Heartbeats the driver started and has not finished, by server address. */
  const pending = new Map<string, number>();
  let reopening = false;
  let stopped = false;

  client.on('serverHeartbeatStarted', (event) => {
    if (!pending.has(event.connectionId)) pending.set(event.connectionId, Date.now());
  });
  const settled = (event: { connectionId: string }) => pending.delete(event.connectionId);
  client.on('serverHeartbeatSucceeded', settled);
  client.on('serverHeartbeatFailed', settled);

  const reopen = async () => {
    reopening = true;
    reopenedClients.inc();
    try {
      await client.close(true).catch((error: unknown) => logger.warn({ err: error }, 'closing a client with a wedged monitor failed'));
      pending.clear();
      while (!stopped) {
        try {
          await client.connect();
          logger.info('mongodb client opened again after its monitor wedged');
          return;
        } catch (error) {
          logger.warn({ err: error }, 'mongodb still unreachable; opening the client again shortly');
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
        }
      }
    } finally {
      reopening = false;
    }
  };

  const timer = setInterval(
    () => {
      if (reopening || stopped) return;
      const now = Date.now();
      const wedged = [...pending].find(([, startedAt]) => now - startedAt > wedgedAfter);
      if (!wedged) return;
      logger.error({ server: wedged[0], waitedMs: now - wedged[1] }, 'mongodb monitor wedged: a heartbeat has had no outcome; closing and opening the client again');
      void reopen();
    },
    Math.max(250, Math.floor(wedgedAfter / 4)),
  ).unref();

  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
