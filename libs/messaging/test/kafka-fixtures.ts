import { TOPICS } from '@lantern/contracts';
import { createLogger } from '@lantern/logging';
import { testKafka, uniqueName, waitFor } from '@lantern/testing';
export { orderPlacedCloudEvent } from '@lantern/testing';
import { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ensureTopics } from '../src/admin/ensure-topics';
import { LanternKafkaServer, LanternKafkaServerOptions } from '../src/consumer/lantern-kafka.server';
import { EventPublisher } from '../src/publisher/event-publisher';

/** A connected publisher with the service topics (and the given groups' retry/DLQ topics) in place. */
export async function connectedPublisher(consumerGroups: string[] = []) {
  const kafka = testKafka();
  await ensureTopics(kafka, { partitions: 6, consumerGroups });
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  return { kafka, publisher };
}

export const ORDERS_TOPIC = TOPICS.orders;

export interface ConsumerApp {
  group: string;
  publisher: EventPublisher;
  server: LanternKafkaServer;
  stop(): Promise<void>;
}

/**
 * The handlers of `module` behind a LanternKafkaServer of a new group (or of `options.group`, to
 * start one again) that starts at the topics' end, once it has joined its group; one attempt in
 * process, none on the retry topic unless given.
 */
export async function startConsumerApp(
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  name: string,
  options: Partial<Omit<LanternKafkaServerOptions, 'kafka' | 'publisher'>> = {},
): Promise<ConsumerApp> {
  const group = options.group ?? uniqueName(name);
  const { kafka, publisher } = await connectedPublisher([group]);
  const server = new LanternKafkaServer({
    kafka,
    publisher,
    retry: { maxAttempts: 1, retryTopicAttempts: 0, retryDelayMs: 0 },
    logger: createLogger(name, 'silent'),
    startFrom: 'latest',
    ...options,
    group,
  });
  const app: INestMicroservice = await NestFactory.createMicroservice(module, { strategy: server, logger: false });
  await app.listen();
  await waitFor(() => server.isRunning(), { timeoutMs: 30_000, description: 'the consumer to join its group' });
  return {
    group,
    publisher,
    server,
    stop: async () => {
      await app.close();
      await publisher.disconnect();
    },
  };
}
