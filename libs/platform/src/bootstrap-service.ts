import { APP_CONFIG, BaseConfig, ConfigError } from '@lantern/config';
import { ProcessedMessages } from '@lantern/event-store';
import { HealthRegistry, installHttpMetrics } from '@lantern/health';
import { IdempotencyInterceptor, InterceptorChain, LanternValidationPipe, ProblemDetailsFilter, UndeclaredQueryInterceptor, WriteRateLimiter, WriteRateLimitInterceptor } from '@lantern/http';
import { startTelemetry } from '@lantern/telemetry';
import type { Logger } from '@lantern/logging';
import { ensureTopics, EventPublisher, GroupJoinListeners, LanternKafkaServer } from '@lantern/messaging';
import { RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { installAsyncApi } from './asyncapi';
import { frameworkErrors, installPathParameterLimit, MAX_PATH_PARAMETER_LENGTH } from './framework-errors';
import { installJsonBodyParser } from './json-body-parser';
import { PinoNestLogger } from './pino-nest-logger';
import { KAFKA, LOGGER } from './platform.tokens';
import { installRequestContext } from './request-context.hook';
import { installSwagger } from './swagger';

export interface BootstrapOptions {
  service: string;
  description: string;
  /** Listen on this port instead of the configured one (0 = any free port; tests). */
  port?: number;
}

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  consumer: LanternKafkaServer;
  close(): Promise<void>;
}

/** Builds, wires and starts one service: HTTP on fastify plus its Kafka consumer. */
export async function bootstrapService(rootModule: Type<unknown>, options: BootstrapOptions): Promise<RunningService> {
  // Started already by the service's `instrument.ts` when run as a process; in-process (tests)
  // this makes the trace ids requests and events carry, without wrapping modules already loaded.
  startTelemetry({ service: options.service, instrument: false });
  // JSON bodies get their own (configured) limit in installJsonBodyParser; this one is for anything else.
  const adapter = new FastifyAdapter({ bodyLimit: 256 * 1024, trustProxy: true, genReqId: () => randomUUID(), frameworkErrors, routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH } });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true, abortOnError: false });
  const config = app.get<BaseConfig>(APP_CONFIG);
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));

  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(app, { bodyLimit: config.HTTP_BODY_LIMIT_BYTES, maxDepth: config.HTTP_JSON_MAX_DEPTH });
  installRequestContext(fastify, logger);
  installPathParameterLimit(fastify);
  installHttpMetrics(fastify, options.service);
  app.setGlobalPrefix('v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  // After the guards (authentication): the idempotency claim, the write rate limit, the query check.
  app.useGlobalInterceptors(
    new InterceptorChain([
      app.get(IdempotencyInterceptor),
      ...(config.WRITE_RATE_LIMIT_PER_MINUTE > 0 ? [new WriteRateLimitInterceptor(new WriteRateLimiter(config.WRITE_RATE_LIMIT_PER_MINUTE))] : []),
      new UndeclaredQueryInterceptor(),
    ]),
  );
  app.useGlobalPipes(new LanternValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger));
  installSwagger(app, options.service, options.description, config.OPENAPI_SERVER_URL);

  const kafka = app.get<Kafka>(KAFKA);
  const group = config.CONSUMER_GROUP ?? options.service;
  await ensureTopics(kafka, { partitions: config.KAFKA_TOPIC_PARTITIONS, consumerGroups: [group] });
  const consumer = new LanternKafkaServer({
    kafka,
    group,
    publisher: app.get(EventPublisher),
    processed: app.get(ProcessedMessages),
    logger,
    startFrom: config.CONSUMER_START_FROM,
    fetchMinBytes: config.CONSUMER_FETCH_MIN_BYTES,
    fetchMaxWaitMs: config.CONSUMER_FETCH_MAX_WAIT_MS,
    partitionsConsumedConcurrently: config.CONSUMER_PARTITIONS_CONCURRENTLY,
    groupJoins: app.get(GroupJoinListeners), // the platform's: deadlines reload on each rebalance
    retry: {
      maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
      retryTopicAttempts: config.CONSUMER_RETRY_TOPIC_ATTEMPTS,
      retryDelayMs: config.CONSUMER_RETRY_DELAY_MS,
    },
  });
  app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  installAsyncApi(app, options.service, consumer, group);
  app.get(HealthRegistry).register({
    name: 'kafka-consumer',
    check: () => (consumer.isRunning() ? { ok: true } : { ok: false, detail: 'consumer is not in its group' }),
  });
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen({ port: options.port ?? config.PORT, host: config.HOST });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, docs: `${url}/docs` }, `${options.service} is listening`);
  return { app, url, consumer, close: () => app.close() };
}

/** `main.ts` entry: start the service, or explain in one message why it cannot start. */
export function runService(rootModule: Type<unknown>, options: BootstrapOptions): void {
  bootstrapService(rootModule, options).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.service}: ${error.message}\n`);
    } else {
      process.stderr.write(`${options.service} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
