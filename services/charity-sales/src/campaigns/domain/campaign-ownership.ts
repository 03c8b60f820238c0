import { Principal, Role } from '@lantern/identity';
import { Campaign } from './campaign.state';

/** Who gets past the door of a management endpoint; the campaign itself then says whether they manage it. */
export const MANAGING_ROLES: readonly Role[] = ['campaign_manager', 'admin'];

/**
 * A campaign is managed by the manager who created it and the co-managers added on its stream,
 * less those removed since, and by admins. Decided on the fold, so the answer is the one the
 * append is arbitrated against: a manager removed while their command was in flight collides on
 * the version, decides again on the fresh fold, and is refused.
 */
export function mayManage(campaign: Pick<Campaign, 'managers'>, principal: Principal): boolean {
  return principal.roles.includes('admin') || (principal.roles.includes('campaign_manager') && campaign.managers.includes(principal.sub));
}
