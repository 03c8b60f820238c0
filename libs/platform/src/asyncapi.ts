import { buildServiceAsyncApiDocument } from '@lantern/contracts';
import type { LanternKafkaServer } from '@lantern/messaging';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `/asyncapi.json`: this service's part of the AsyncAPI document — the topic it publishes, what
 * its running consumer takes from the other topics, its retry and dead-letter channels. Built
 * once, on the first request (the handlers are registered by then), from the same contracts as
 * the whole document the gateway serves at `/asyncapi.json`.
 */
export function installAsyncApi(app: NestFastifyApplication, service: string, consumer: LanternKafkaServer, group: string): void {
  let document: string | undefined;
  app.getHttpAdapter().getInstance().get('/asyncapi.json', (_request, reply) => {
    document ??= JSON.stringify(buildServiceAsyncApiDocument({ service, group, consumes: consumer.handledEventTypes() }));
    return reply.type('application/json; charset=utf-8').send(document);
  });
}
