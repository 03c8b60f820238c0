import { APP_CONFIG, baseConfigSchema, BaseConfig, loadConfig } from '@lantern/config';
import { DeadlinePoller, Deadlines } from '@lantern/deadlines';
import { EventStore, OutboxPublisher, OutboxSweeper, PROCESSED_MESSAGES_RETENTION, ProcessedMessages, RetentionSweeper } from '@lantern/event-store';
import { HealthController, HealthRegistry, MetricsController } from '@lantern/health';
import { AuthGuard, IDEMPOTENCY_RECORDS_RETENTION, IdempotencyInterceptor, MONGO_CONNECTION, TokenVerifier } from '@lantern/http';
import { createLogger, Logger } from '@lantern/logging';
import { createKafka, EventPublisher, GroupJoinListeners } from '@lantern/messaging';
import { PersonKeys } from '@lantern/privacy';
import { flushTelemetry } from '@lantern/telemetry';
import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { Connection } from 'mongoose';
import { connectMongo, pingMongo } from './mongo.provider';
import { KAFKA, LOGGER, SERVICE_OPTIONS } from './platform.tokens';
import { trackOperationalMetrics } from './operational-metrics';
import { environmentFor, ServiceOptions } from './service-options';

/** Starts the background work of the shared mechanisms and tears it down in order. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private untrackMetrics?: () => void;

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly publisher: EventPublisher,
    private readonly sweeper: OutboxSweeper,
    private readonly outbox: OutboxPublisher,
    private readonly deadlinePoller: DeadlinePoller,
    private readonly health: HealthRegistry,
    private readonly retention: RetentionSweeper,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register({ name: 'database', check: async () => (await pingMongo(this.connection), { ok: true }) });
    this.health.register({
      name: 'kafka-producer',
      check: () => (this.publisher.isConnected() ? { ok: true } : { ok: false, detail: 'producer disconnected' }),
    });
    this.sweeper.start();
    this.deadlinePoller.start();
    this.retention.start(this.config.RETENTION_SWEEP_INTERVAL_MS);
    this.untrackMetrics = trackOperationalMetrics(this.outbox, this.deadlinePoller);
  }

  async onApplicationShutdown(): Promise<void> {
    this.untrackMetrics?.();
    await this.sweeper.stop();
    await this.retention.stop();
    this.outbox.stopRetrying();
    // Settled markers still waiting for their batch, and the leases this process appends under
    // no more: delete them while the database is open.
    await this.outbox.markers.release();
    await this.deadlinePoller.stop();
    await this.publisher.disconnect().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
    // Spans still buffered for the exporter leave before the process does.
    await flushTelemetry().catch(() => undefined);
  }
}

/**
 * Everything a Lantern service shares: validated configuration, logging, its database, Kafka,
 * the event store and outbox, authentication, idempotency, health and metrics.
 */
@Module({})
export class LanternPlatformModule {
  static forService(options: ServiceOptions): DynamicModule {
    const schema = options.configSchema ? baseConfigSchema.merge(options.configSchema) : baseConfigSchema;
    return {
      module: LanternPlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_OPTIONS, useValue: options },
        { provide: APP_CONFIG, useFactory: () => loadConfig(schema, environmentFor(options)) },
        { provide: LOGGER, inject: [APP_CONFIG], useFactory: (config: BaseConfig) => createLogger(options.service, config.LOG_LEVEL) },
        { provide: MONGO_CONNECTION, inject: [APP_CONFIG, LOGGER], useFactory: connectMongo },
        {
          provide: KAFKA,
          inject: [APP_CONFIG, LOGGER],
          useFactory: (config: BaseConfig, logger: Logger) =>
            createKafka({ clientId: config.KAFKA_CLIENT_ID ?? options.service, brokers: config.KAFKA_BROKERS, logger }),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const publisher = new EventPublisher(kafka);
            await publisher.connect();
            return publisher;
          },
        },
        {
          provide: OutboxPublisher,
          inject: [MONGO_CONNECTION, EventPublisher, LOGGER],
          useFactory: (connection: Connection, publisher: EventPublisher, logger: Logger) => new OutboxPublisher(connection, publisher, logger),
        },
        {
          provide: EventStore,
          inject: [MONGO_CONNECTION, OutboxPublisher, LOGGER],
          useFactory: async (connection: Connection, outbox: OutboxPublisher, logger: Logger) => {
            const store = new EventStore(connection, outbox, logger);
            await store.init();
            return store;
          },
        },
        {
          provide: OutboxSweeper,
          inject: [MONGO_CONNECTION, OutboxPublisher, APP_CONFIG, GroupJoinListeners, LOGGER],
          useFactory: (connection: Connection, outbox: OutboxPublisher, config: BaseConfig, groupJoins: GroupJoinListeners, logger: Logger) => {
            const sweeper = new OutboxSweeper(connection, outbox, { graceMs: config.OUTBOX_SWEEP_GRACE_MS }, logger);
            // A rebalance may mean a replica died mid-append: finish what it left unpublished.
            groupJoins.add(() => sweeper.requestSweep());
            return sweeper;
          },
        },
        {
          provide: Deadlines,
          inject: [MONGO_CONNECTION],
          useFactory: async (connection: Connection) => {
            const deadlines = new Deadlines(connection);
            await deadlines.init();
            return deadlines;
          },
        },
        // Told by the service's Kafka consumer each time it joins its group (start-up, rebalances).
        { provide: GroupJoinListeners, inject: [LOGGER], useFactory: (logger: Logger) => new GroupJoinListeners(logger) },
        {
          provide: DeadlinePoller,
          inject: [Deadlines, GroupJoinListeners, LOGGER],
          useFactory: (deadlines: Deadlines, groupJoins: GroupJoinListeners, logger: Logger) => {
            const poller = new DeadlinePoller(deadlines, {}, logger);
            // A rebalance may mean a replica died with deadlines only it had in memory: read them back.
            groupJoins.add(() => poller.reload());
            return poller;
          },
        },
        { provide: ProcessedMessages, inject: [MONGO_CONNECTION], useFactory: (connection: Connection) => new ProcessedMessages(connection) },
        {
          // Crypto-shredding (docs/data-subject-rights.md): personal fields at rest sealed per person.
          provide: PersonKeys,
          inject: [MONGO_CONNECTION, APP_CONFIG],
          useFactory: (connection: Connection, config: BaseConfig) => new PersonKeys(connection, config.LANTERN_PERSONAL_DATA_KEY),
        },
        {
          // What expires in every service's database (docs/retention.md): dedupe and idempotency records.
          provide: RetentionSweeper,
          inject: [MONGO_CONNECTION, LOGGER],
          useFactory: (connection: Connection, logger: Logger) => new RetentionSweeper(connection, [PROCESSED_MESSAGES_RETENTION, IDEMPOTENCY_RECORDS_RETENTION], logger),
        },
        {
          provide: TokenVerifier,
          inject: [APP_CONFIG],
          useFactory: (config: BaseConfig) =>
            new TokenVerifier({ secret: config.LANTERN_JWT_SECRET, issuer: config.LANTERN_JWT_ISSUER, jwksUrl: config.LANTERN_JWKS_URL }),
        },
        HealthRegistry,
        PlatformLifecycle,
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          // Not an APP_INTERCEPTOR: bootstrapService runs it first in the platform's InterceptorChain.
          provide: IdempotencyInterceptor,
          inject: [Reflector, MONGO_CONNECTION, LOGGER],
          useFactory: (reflector: Reflector, connection: Connection, logger: Logger) => new IdempotencyInterceptor(reflector, connection, logger),
        },
      ],
      exports: [
        SERVICE_OPTIONS,
        APP_CONFIG,
        LOGGER,
        MONGO_CONNECTION,
        KAFKA,
        EventPublisher,
        EventStore,
        OutboxPublisher,
        OutboxSweeper,
        ProcessedMessages,
        PersonKeys,
        RetentionSweeper,
        Deadlines,
        DeadlinePoller,
        GroupJoinListeners,
        TokenVerifier,
        HealthRegistry,
        IdempotencyInterceptor,
      ],
    };
  }
}
