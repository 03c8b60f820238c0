import {
  ApiProblemResponses,
  badRequest,
  CurrentPrincipal,
  decodeCursor,
  encodeCursor,
  Idempotent,
  IdempotentRequest,
  newId,
  PageQuery,
  Roles,
  unprocessable,
} from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import { CreateWebhookRequest } from './create-webhook.request.dto';
import { EnableWebhookHandler } from './enable-webhook.handler';
import { GrantScopesRequest } from './grant-scopes.request.dto';
import { TargetCheck, WebhookTargetPolicy } from './target/webhook-target-policy';
import { subscriptionFor } from './webhook-access';
import { WebhookDeliveryPage, WebhookDeliveryResponse, WebhookResponse } from './webhook.response.dto';
import { deliveryDay } from './webhook-delivery.model';
import { WebhooksRepository } from './webhooks.repository';

/** `day`: the UTC day of the bucket the page ended in (`yyyy-mm-dd`, see WebhooksRepository.page). */
type Cursor = { day: string; createdAt: string; id: string };

/** What a subscriber is told about a refused URL: the rule, not what its host resolved to (no map of internal names). */
const TARGET_REFUSALS: Record<Extract<TargetCheck, { allowed: false }>['kind'], string> = {
  url: 'must be a URL',
  scheme: 'must be an https URL (http only outside production)',
  credentials: 'must not carry credentials; the signing secret authenticates deliveries',
  address: 'must name a host that resolves only to publicly reachable addresses (not loopback, private, link-local, multicast or reserved)',
};

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly enabling: EnableWebhookHandler,
    private readonly targets: WebhookTargetPolicy,
  ) {}

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
    const target = await this.targets.check(body.url);
    if (!target.allowed) throw unprocessable('This URL cannot receive webhooks', [{ field: 'body.url', message: TARGET_REFUSALS[target.kind] }]);
    const id = newId('whs', request.idempotencySeed);
    const subscription = {
      _id: id,
      ownerId: principal.sub,
      url: body.url,
      secret: body.secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
      eventTypes: [...new Set(body.eventTypes)],
      status: 'active' as const,
      createdAt: new Date(),
      disabledAt: null,
    };
    await this.webhooks.create(subscription);
    return WebhookResponse.from(subscription, true);
  }

  @Get()
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'My webhook subscriptions (secrets are never shown again)' })
  @ApiOkResponse({ type: [WebhookResponse] })
  async mine(@CurrentPrincipal() principal: Principal): Promise<WebhookResponse[]> {
    return (await this.webhooks.ownedBy(principal.sub)).map((subscription) => WebhookResponse.from(subscription));
  }

  @Get(':id/deliveries')
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'The delivery log of one of my subscriptions, newest first, with every attempt',
    description: `Newest first by the day (UTC) of the event, then by when it was queued. Kept NOTIFICATIONS_RETENTION_DAYS (90 by default) after the end of the event's day.`,
  })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  async deliveries(@Param('id') id: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<WebhookDeliveryPage> {
    await subscriptionFor(this.webhooks, id, principal);
    const limit = query.limit ?? 20;
    const cursor = decodeCursor<Cursor>(query.cursor, ['day', 'createdAt', 'id']);
    // Decoded from the query: a value of another type would reach the database as a filter.
    if (cursor && !(/^\d{4}-\d{2}-\d{2}$/.test(String(cursor.day)) && typeof cursor.id === 'string' && !Number.isNaN(new Date(cursor.createdAt).getTime()))) {
      throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
    }
    const rows = await this.webhooks.page(id, limit + 1, cursor && { day: cursor.day, createdAt: new Date(cursor.createdAt), id: cursor.id });
    const page = rows.slice(0, limit);
    const last = rows.length > limit ? page[page.length - 1] : undefined;
    return {
      items: page.map(WebhookDeliveryResponse.from),
      nextCursor: last ? encodeCursor({ day: deliveryDay(last).toISOString().slice(0, 10), createdAt: last.createdAt.toISOString(), id: last._id }) : null,
    };
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'Re-enable one of my subscriptions after fixing its receiver (idempotent)',
    description:
      'The failure streak starts again from zero, and every pending delivery is attempted now — including the events held while it was disabled.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  async enable(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    return WebhookResponse.from(await this.enabling.execute(id, principal));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'Pause one of my subscriptions (idempotent)',
    description: 'Nothing is sent while it is disabled; matching events are held as pending deliveries and go out when it is enabled again.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  async disable(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    const subscription = await subscriptionFor(this.webhooks, id, principal);
    if (subscription.status === 'disabled') return WebhookResponse.from(subscription);
    const now = new Date();
    await this.webhooks.disable(id, now, 'owner');
    return WebhookResponse.from({ ...subscription, status: 'disabled', disabledAt: now, disabledBecause: 'owner' });
  }

  @Put(':id/scopes')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Grant a subscription scopes (admins only; replaces what it had, [] withdraws them)',
    description:
      'orders:confidential: the subscription also receives the events of orders for confidential services (which name the resident only by a per-order pseudonym and the category, not the service). Without it, it receives none of those orders\' events, whatever its event types.',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblemResponses({
    400: 'body.scopes is not a list of known scopes',
    401: 'No valid bearer token',
    403: 'Only admins grant scopes',
    404: 'No such subscription',
  })
  async grantScopes(@Param('id') id: string, @Body() body: GrantScopesRequest, @CurrentPrincipal() principal: Principal): Promise<WebhookResponse> {
    const subscription = await subscriptionFor(this.webhooks, id, principal);
    const scopes = [...new Set(body.scopes)];
    await this.webhooks.grantScopes(id, scopes);
    return WebhookResponse.from({ ...subscription, scopes });
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'Delete one of my subscriptions: nothing more is queued or sent, and it no longer appears (a second delete is 404)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await subscriptionFor(this.webhooks, id, principal);
    await this.webhooks.delete(id, new Date());
  }
}
