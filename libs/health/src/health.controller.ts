import { Public } from '@lantern/http';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthRegistry } from './health-registry';

// Probes for orchestrators (README, "Operating Lantern"), not part of the API clients are generated from.
@ApiExcludeController()
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process is up (restart it if not). */
  @Get('live')
  @ApiOkResponse({ description: 'The process is alive' })
  live() {
    return { status: 'ok' };
  }

  /** Database reachable, Kafka producer connected, consumer running: send traffic here. */
  @Get('ready')
  @ApiOkResponse({ description: 'Every dependency answered' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body says which' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ok, checks } = await this.registry.checkAll();
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
