import { Principal, Role } from '@lantern/http';
import { CampaignState } from './campaign.state';

/** Who gets past the door of a management endpoint; the campaign itself then says whether they manage it. */
export const MANAGING_ROLES: readonly Role[] = ['campaign_manager', 'admin'];

/**
 * A campaign is managed by the manager who created it, the co-managers added on its stream,
 * and admins. Decided on the fold, so the answer is the one the append is arbitrated against.
 * Managers are only ever added, never removed: once true, this stays true.
 */
export function mayManage(campaign: CampaignState, principal: Principal): boolean {
  return principal.roles.includes('admin') || (principal.roles.includes('campaign_manager') && campaign.managers.includes(principal.sub));
}
