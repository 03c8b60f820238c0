import { CharityManagerRemovedV1 } from '@lantern/contracts';
import { conflict } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';

/**
 * A campaign's managers (or an admin) take a manager off it — a colleague who moved on, or
 * themselves. Removing someone who does not manage it appends nothing, so a retried call is
 * harmless. The last manager stays: a campaign holding donors' money always has someone
 * accountable for it besides the admins (add the successor first).
 */
@Injectable()
export class RemoveManagerHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  execute(principal: Principal, campaignId: string, managerId: string) {
    return this.campaigns.manage(principal, campaignId, (current) => {
      if (!current.managers.includes(managerId)) return [];
      if (current.managers.length === 1) throw conflict(`${managerId} is the last manager of campaign ${campaignId}: add their successor first`);
      return [{ type: CharityManagerRemovedV1.type, data: { campaignId, managerId, removedBy: principal.sub, removedAt: new Date().toISOString() } }];
    });
  }
}
