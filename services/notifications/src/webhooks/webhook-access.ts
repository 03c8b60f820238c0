import { notFound } from '@lantern/http';
import { hasAnyRole, Principal } from '@lantern/identity';
import { isDeleted, WebhookSubscription } from './webhook-subscription.model';
import { WebhooksRepository } from './webhooks.repository';

/** A subscription its owner (or an admin) may see and manage; for anyone else, or once deleted, it does not exist (404). */
export async function subscriptionFor(webhooks: WebhooksRepository, id: string, principal: Principal): Promise<WebhookSubscription> {
  const subscription = await webhooks.findSubscription(id);
  if (!subscription || isDeleted(subscription) || (subscription.ownerId !== principal.sub && !hasAnyRole(principal, ['admin']))) throw notFound(`Webhook subscription ${id}`);
  return subscription;
}
