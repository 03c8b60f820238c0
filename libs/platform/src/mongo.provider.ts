import { BaseConfig } from '@lantern/config';
import type { Logger } from '@lantern/logging';
import mongoose, { Connection } from 'mongoose';
import { monitorDbCommands } from './db-command-metrics';
import { watchMonitorHeartbeats } from './mongo-monitor-watchdog';

/**
 * Mongoose captures a stack trace at every query it runs (`new Error().stack`), only to attach it
 * to the error a query executed twice would throw; with source maps on, each capture also maps
 * its frames. A `findById().lean()` cost the client 149-164 µs of CPU with the capture and 83-116
 * without (16 at a time, the services' Node flags, two rounds each). Lantern runs each query
 * once; that error, should it ever come, still names the query.
 */
mongoose.set('skipOriginalStackTraces', true);

/** One connection per service, to the service's own database. */
export async function connectMongo(config: BaseConfig, logger: Logger): Promise<Connection> {
  const connection = mongoose.createConnection(config.MONGO_URL, {
    dbName: config.MONGO_DB,
    serverSelectionTimeoutMS: config.MONGO_SERVER_SELECTION_TIMEOUT_MS,
    // The driver's 30 s is for far-away clusters; it also bounds how soon a wedged monitor is seen.
    connectTimeoutMS: config.MONGO_CONNECT_TIMEOUT_MS,
    // Indexes are created explicitly at start-up (ensureIndexes), not lazily on first use.
    autoIndex: false,
    autoCreate: true,
    // Every command is counted on /metrics (lantern_db_commands_total): what a request costs.
    monitorCommands: true,
  });
  monitorDbCommands(connection);
  connection.on('disconnected', () => logger.warn('mongodb disconnected'));
  connection.on('reconnected', () => logger.info('mongodb reconnected'));
  await connection.asPromise();
  const client = connection.getClient();
  const watchdog = watchMonitorHeartbeats(client, {
    connectTimeoutMS: client.options.connectTimeoutMS,
    heartbeatFrequencyMS: client.options.heartbeatFrequencyMS,
    logger,
  });
  connection.once('close', () => watchdog.stop());
  return connection;
}

export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('not connected');
  await connection.db.admin().command({ ping: 1 });
}
