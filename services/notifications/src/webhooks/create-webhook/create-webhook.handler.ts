import { newId, unprocessable } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TargetCheck, WebhookTargetPolicy } from '../webhook-target-policy';
import { WebhookSubscription } from '../webhook-subscription.model';
import { WebhooksRepository } from '../webhooks.repository';
import { CreateWebhookRequest } from './create-webhook.request.dto';

/** What a subscriber is told about a refused URL: the rule, not what its host resolved to (no map of internal names). */
const TARGET_REFUSALS: Record<Extract<TargetCheck, { allowed: false }>['kind'], string> = {
  url: 'must be a URL',
  scheme: 'must be an https URL (http only outside production)',
  credentials: 'must not carry credentials; the signing secret authenticates deliveries',
  address: 'must name a host that resolves only to publicly reachable addresses (not loopback, private, link-local, multicast or reserved)',
};

/** Subscribes a URL that may receive webhooks; the id follows the request's Idempotency-Key, so a retry finds the same one. */
@Injectable()
export class CreateWebhookHandler {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly targets: WebhookTargetPolicy,
  ) {}

  async execute(body: CreateWebhookRequest, principal: Principal, idempotencySeed?: string): Promise<WebhookSubscription> {
    const target = await this.targets.check(body.url);
    if (!target.allowed) throw unprocessable('This URL cannot receive webhooks', [{ field: 'body.url', message: TARGET_REFUSALS[target.kind] }]);
    const subscription = {
      _id: newId('whs', idempotencySeed),
      ownerId: principal.sub,
      url: body.url,
      secret: body.secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
      eventTypes: [...new Set(body.eventTypes)],
      status: 'active' as const,
      createdAt: new Date(),
      disabledAt: null,
    };
    await this.webhooks.create(subscription);
    return subscription;
  }
}
