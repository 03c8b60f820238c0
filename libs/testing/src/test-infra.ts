import { createKafka } from '@lantern/messaging';
import { randomUUID } from 'node:crypto';
import mongoose, { Connection } from 'mongoose';

/** Addresses of the real Kafka and MongoDB-compatible server the global setup prepared. */
export function testInfra(): { kafkaBrokers: string[]; mongoUrl: string } {
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGO_URL) {
    throw new Error('KAFKA_BROKERS / MONGO_URL are not set: run integration tests through `npm test` (its global setup starts them)');
  }
  return { kafkaBrokers: KAFKA_BROKERS.split(','), mongoUrl: MONGO_URL };
}

export const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

export function testKafka(clientId = uniqueName('test')) {
  return createKafka({ clientId, brokers: testInfra().kafkaBrokers });
}

/** A connection to a fresh database of its own; drop it with `dropTestDatabase`. */
export async function connectTestDatabase(prefix = 'test'): Promise<Connection> {
  const connection = mongoose.createConnection(testInfra().mongoUrl, { dbName: uniqueName(prefix), autoIndex: false });
  await connection.asPromise();
  return connection;
}

export async function dropTestDatabase(connection: Connection): Promise<void> {
  await connection.dropDatabase().catch(() => undefined);
  await connection.close();
}
