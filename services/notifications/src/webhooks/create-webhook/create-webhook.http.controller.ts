import { ApiProblemResponses, CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookResponse } from '../webhook.response.dto';
import { CreateWebhookHandler } from './create-webhook.handler';
import { CreateWebhookRequest } from './create-webhook.request.dto';

@ApiTags('webhooks')
@Controller('webhooks')
export class CreateWebhookHttpController {
  constructor(private readonly handler: CreateWebhookHandler) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'Subscribe a URL to event types',
    description:
      'Each matching event is POSTed as a structured CloudEvent with `X-Lantern-Timestamp` and `X-Lantern-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`. Failures are retried with exponential backoff; a subscription that keeps failing is disabled and its owner told.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: WebhookResponse })
  @ApiProblemResponses({
    400: 'The body is invalid: body.url is not an http(s) URL, or body.eventTypes names unknown event types',
    401: 'No valid bearer token',
    403: 'Only integrators and admins subscribe',
    422: 'body.url may not receive webhooks: it must be https in production, carry no credentials, and its host must resolve only to publicly reachable addresses (never loopback, private, link-local, multicast or otherwise reserved)',
  })
  async create(@Body() body: CreateWebhookRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.handler.execute(body, principal, request.idempotencySeed), true);
  }
}
