import { baseConfigSchema } from '@lantern/config';
import { createLogger } from '@lantern/logging';
import { startTcpProxy, TcpProxy, testInfra, uniqueName, waitFor } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import type { Socket } from 'node:net';
import { register } from 'prom-client';
import { MonitorWatchdog, watchMonitorHeartbeats } from './mongo-monitor-watchdog';
import { connectMongo } from './mongo.provider';

const CONNECT_TIMEOUT_MS = 2000;
const HEARTBEAT_MS = 500;
const logger = createLogger('platform-test', 'silent');

/** The driver's monitoring socket for the one server (internals: the bug lives there). */
function monitorSocket(connection: Connection): Socket | undefined {
  const topology = (connection.getClient() as unknown as { topology?: { s: { servers: Map<string, { monitor?: { connection?: { socket: Socket } } }> } } }).topology;
  const [server] = topology ? [...topology.s.servers.values()] : [];
  return server?.monitor?.connection?.socket;
}

/**
 * What the outage race does, on purpose: the monitor's next hello is written to its socket just
 * as that socket is destroyed. `write` then answers false and the driver waits for a `drain`
 * that never comes.
 */
function wedgeNextHeartbeat(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  (socket as { write: unknown }).write = (...args: unknown[]) => {
    socket.destroy();
    return write(...args);
  };
}

describe('the MongoDB monitor watchdog', () => {
  let proxy: TcpProxy;
  let throughProxy: string;

  beforeAll(async () => {
    const { hostname, port } = new URL(testInfra().mongoUrl);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
    const url = new URL(testInfra().mongoUrl.replace(`${hostname}:${port}`, `127.0.0.1:${proxy.port}`));
    url.searchParams.set('heartbeatFrequencyMS', String(HEARTBEAT_MS));
    throughProxy = url.toString();
  });
  afterAll(() => proxy.close());

  describe('a monitor wedged by an outage', () => {
    let connection: Connection;
    let watchdog: MonitorWatchdog;

    beforeAll(async () => {
      connection = mongoose.createConnection(throughProxy, { dbName: uniqueName('t_watchdog'), serverSelectionTimeoutMS: 500, connectTimeoutMS: CONNECT_TIMEOUT_MS });
      await connection.asPromise();
      watchdog = watchMonitorHeartbeats(connection.getClient(), { connectTimeoutMS: CONNECT_TIMEOUT_MS, heartbeatFrequencyMS: HEARTBEAT_MS, logger, retryMs: 200 });
    });
    afterAll(async () => {
      watchdog.stop();
      await proxy.restore().catch(() => undefined);
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    });

    it('is opened again, and the database answers once it is back', async () => {
      const things = connection.collection('things');
      await things.insertOne({ n: 1 });
      const socket = await waitFor(async () => monitorSocket(connection), { timeoutMs: 5000, intervalMs: 50, description: 'the monitor to have a connection' });
      wedgeNextHeartbeat(socket);
      await waitFor(async () => socket.destroyed || undefined, { timeoutMs: 5000, intervalMs: 20, description: 'the monitor to send its next hello' });

      // The outage: the pool's connections fail, the server is marked Unknown, and only a
      // heartbeat can make it known again.
      await proxy.cut();
      await expect(things.insertOne({ n: 2 })).rejects.toMatchObject({ name: expect.stringMatching(/^Mongo(ServerSelection|Network)Error$/) });
      await proxy.restore();

      // A live monitor finds the server again within a heartbeat or two; this one does not.
      await waitFor(async () => [...watchdog.pending.values()].some((startedAt) => Date.now() - startedAt > 3 * HEARTBEAT_MS) || undefined, {
        timeoutMs: 5000,
        intervalMs: 50,
        description: 'the wedged heartbeat to be three heartbeats old',
      });
      expect(watchdog.reopenings).toBe(0);
      await expect(things.insertOne({ n: 3 })).rejects.toMatchObject({ name: expect.stringMatching(/^Mongo(ServerSelection|NotConnected)Error$/) });

      await waitFor(
        async () => {
          try {
            await things.insertOne({ n: 4 });
            return true;
          } catch {
            return undefined;
          }
        },
        { timeoutMs: 20_000, intervalMs: 200, description: 'an insert once the client is opened again' },
      );
      expect(watchdog.reopenings).toBe(1);
      expect(await register.getSingleMetric('lantern_db_client_reopened_total')?.get()).toMatchObject({ values: [{ value: 1 }] });
      expect(await things.countDocuments({ n: { $in: [1, 4] } })).toBe(2);
    }, 40_000);
  });

  it('watches every service connection', async () => {
    const config = baseConfigSchema.parse({ PORT: '0', MONGO_URL: testInfra().mongoUrl, MONGO_DB: uniqueName('t_watchdog'), KAFKA_BROKERS: testInfra().kafkaBrokers.join(',') });
    const connection = await connectMongo(config, logger);
    try {
      expect(connection.getClient().options.connectTimeoutMS).toBe(config.MONGO_CONNECT_TIMEOUT_MS);
      expect(connection.getClient().listenerCount('serverHeartbeatStarted')).toBe(1);
    } finally {
      await connection.close();
    }
  });
});
