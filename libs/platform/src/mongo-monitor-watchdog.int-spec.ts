import { baseConfigSchema } from '@lantern/config';
import { createLogger } from '@lantern/logging';
import { startTcpProxy, TcpProxy, testInfra, uniqueName, waitFor } from '@lantern/testing';
import { Connection } from 'mongoose';
import type { Socket } from 'node:net';
import { register } from 'prom-client';
import { wedgedAfterMs } from './mongo-monitor-watchdog';
import { connectMongo } from './mongo.provider';

const CONNECT_TIMEOUT_MS = 2000;
const HEARTBEAT_MS = 500;
const WEDGED_AFTER_MS = wedgedAfterMs(CONNECT_TIMEOUT_MS, HEARTBEAT_MS);
const logger = createLogger('platform-test', 'silent');

async function reopenedClients(): Promise<number> {
  return (await register.getSingleMetric('lantern_db_client_reopened_total')?.get())?.values[0]?.value ?? 0;
}

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

const serviceConfig = (mongoUrl: string, extra: Record<string, string> = {}) =>
  baseConfigSchema.parse({ PORT: '0', MONGO_URL: mongoUrl, MONGO_DB: uniqueName('t_watchdog'), KAFKA_BROKERS: testInfra().kafkaBrokers.join(','), ...extra });

describe('the MongoDB monitor watchdog of a service connection', () => {
  let proxy: TcpProxy;
  let connection: Connection;

  beforeAll(async () => {
    const { hostname, port } = new URL(testInfra().mongoUrl);
    proxy = await startTcpProxy({ host: hostname, port: Number(port) });
    const url = new URL(testInfra().mongoUrl.replace(`${hostname}:${port}`, `127.0.0.1:${proxy.port}`));
    url.searchParams.set('heartbeatFrequencyMS', String(HEARTBEAT_MS));
    const config = serviceConfig(url.toString(), { MONGO_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), MONGO_SERVER_SELECTION_TIMEOUT_MS: '500' });
    connection = await connectMongo(config, logger);
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await proxy.close();
  });

  it('opens the client again when an outage wedged its monitor, and the database answers once it is back', async () => {
    expect(connection.getClient().options.connectTimeoutMS).toBe(CONNECT_TIMEOUT_MS);
    const reopenedBefore = await reopenedClients();
    const things = connection.collection('things');
    await things.insertOne({ n: 1 });
    const socket = await waitFor(async () => monitorSocket(connection), { timeoutMs: 5000, intervalMs: 50, description: 'the monitor to have a connection' });
    wedgeNextHeartbeat(socket);
    await waitFor(async () => socket.destroyed || undefined, { timeoutMs: 5000, intervalMs: 20, description: 'the monitor to send its next hello' });
    const wedgedAt = Date.now();

    // The outage: the pool's connections fail, the server is marked Unknown, and only a
    // heartbeat can make it known again.
    await proxy.cut();
    await expect(things.insertOne({ n: 2 })).rejects.toMatchObject({ name: expect.stringMatching(/^Mongo(ServerSelection|Network)Error$/) });
    await proxy.restore();

    // A live monitor finds the server again within a heartbeat or two; this one does not.
    await waitFor(async () => Date.now() - wedgedAt > 3 * HEARTBEAT_MS || undefined, { timeoutMs: 5000, intervalMs: 50, description: 'three heartbeats to pass' });
    await expect(things.insertOne({ n: 3 })).rejects.toMatchObject({ name: expect.stringMatching(/^Mongo(ServerSelection|NotConnected)Error$/) });
    expect(Date.now() - wedgedAt).toBeLessThan(WEDGED_AFTER_MS); // still before the watchdog acts
    expect(await reopenedClients()).toBe(reopenedBefore);

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
    expect(await reopenedClients()).toBe(reopenedBefore + 1);
    expect(await things.countDocuments({ n: { $in: [1, 4] } })).toBe(2);
  }, 40_000);
});
