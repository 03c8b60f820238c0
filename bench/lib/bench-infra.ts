import { ensureTopics, EventPublisher } from '@lantern/messaging';
import { dropDatabases, testKafka, uniqueName } from '@lantern/testing';
import mongoose, { Connection } from 'mongoose';
import { withDeadline } from './deadline';

/** Closing one thing (stopping five processes included: 10 s grace, then SIGKILL). */
const CLOSE_DEADLINE_MS = 60_000;

/** The servers `npm run bench` started (or that KAFKA_BROKERS / MONGO_URL point at). */
export function benchInfra(): { kafkaBrokers: string[]; mongoUrl: string } {
  const { KAFKA_BROKERS, MONGO_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGO_URL) {
    throw new Error('KAFKA_BROKERS / MONGO_URL are not set: run the benchmarks with `npm run bench` (it starts the local servers)');
  }
  return { kafkaBrokers: KAFKA_BROKERS.split(','), mongoUrl: MONGO_URL };
}

/**
 * What a run opened and must close: databases to drop, connections and producers to close,
 * services to stop. `closeAll` undoes everything, newest first, and never throws.
 */
export class BenchResources {
  private readonly closers: { what: string; close: () => Promise<unknown> }[] = [];

  onClose(what: string, close: () => Promise<unknown>): void {
    this.closers.push({ what, close });
  }

  /** A connection to a fresh database of its own, dropped at the end. */
  async database(prefix: string): Promise<Connection> {
    const connection = mongoose.createConnection(benchInfra().mongoUrl, { dbName: uniqueName(prefix), autoIndex: false });
    await connection.asPromise();
    this.onClose(`database ${connection.name}`, async () => {
      await connection.dropDatabase();
      await connection.close();
    });
    return connection;
  }

  /** Drops a database something else created (e.g. a test service's). */
  dropLater(database: string): void {
    this.onClose(`database ${database}`, () => dropDatabases(database));
  }

  /** A connected producer, with the service topics in place (created explicitly, never auto). */
  async publisher(): Promise<EventPublisher> {
    const kafka = testKafka(uniqueName('bench'));
    await ensureTopics(kafka, { partitions: 6, consumerGroups: [] });
    const publisher = new EventPublisher(kafka);
    await publisher.connect();
    this.onClose('kafka producer', () => publisher.disconnect());
    return publisher;
  }

  async closeAll(): Promise<void> {
    for (const { what, close } of this.closers.splice(0).reverse()) {
      await withDeadline(`${what} to close`, CLOSE_DEADLINE_MS, close()).catch((error: unknown) => process.stderr.write(`bench: could not close ${what}: ${error instanceof Error ? error.message : String(error)}\n`));
    }
  }
}
