import { bootstrapService, RunningService, setEnvironmentOverrides } from '@lantern/platform';
import { Type } from '@nestjs/common';
import mongoose from 'mongoose';
import { waitFor } from './eventually';
import { httpClient } from './http-client';
import { testInfra, uniqueName } from './test-infra';

export interface TestServiceOptions {
  service: string;
  /** Extra environment for this instance (e.g. a short SLA). */
  env?: Record<string, string>;
  /** Reuse another instance's database, to run two replicas side by side. */
  database?: string;
}

export type TestService = RunningService & { database: string; http: ReturnType<typeof httpClient>; stop(): Promise<void> };

/**
 * Runs a real service in-process on a free port, against the real Kafka and database, in a
 * database of its own. Resolves once its consumer has joined its group.
 */
export async function startTestService(rootModule: Type<unknown>, options: TestServiceOptions): Promise<TestService> {
  const { kafkaBrokers, mongoUrl } = testInfra();
  const database = options.database ?? uniqueName(`t_${options.service.replace(/-/g, '_')}`);
  setEnvironmentOverrides(options.service, {
    PORT: '0',
    MONGO_URL: mongoUrl,
    MONGO_DB: database,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    OUTBOX_SWEEP_GRACE_MS: '500',
    CONSUMER_RETRY_DELAY_MS: '100',
    DEADLINE_POLL_INTERVAL_MS: '100',
    // A group of its own that starts at "now": no other test's history to wade through.
    CONSUMER_GROUP: uniqueName(options.service),
    CONSUMER_START_FROM: 'latest',
    ...options.env,
  });
  let running: RunningService;
  try {
    running = await bootstrapService(rootModule, { service: options.service, description: 'test', port: 0 });
  } finally {
    setEnvironmentOverrides(options.service, undefined);
  }
  await waitFor(() => running.consumer.isRunning(), { timeoutMs: 30_000, description: `${options.service} consumer to join its group` });
  return {
    ...running,
    database,
    http: httpClient(running.url),
    async stop() {
      await running.close();
    },
  };
}

/** Drops the databases tests created (call from afterAll). */
export async function dropDatabases(...names: string[]): Promise<void> {
  const connection = await mongoose.createConnection(testInfra().mongoUrl).asPromise();
  try {
    for (const name of names) await connection.useDb(name).dropDatabase().catch(() => undefined);
  } finally {
    await connection.close();
  }
}
