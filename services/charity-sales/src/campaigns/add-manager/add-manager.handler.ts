import { CharityManagerAddedV1 } from '@lantern/contracts';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { AddManagerRequest } from './add-manager.request.dto';

/**
 * A campaign's managers (or an admin) share it with another campaign manager. Adding someone
 * who already manages it appends nothing, so the call is idempotent without a key. Allowed in
 * every status: refunds, corrections and disbursements go on after a campaign closes.
 */
@Injectable()
export class AddManagerHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  execute(principal: Principal, campaignId: string, request: AddManagerRequest) {
    return this.campaigns.manage(principal, campaignId, (current) =>
      current.managers.includes(request.managerId)
        ? []
        : [{ type: CharityManagerAddedV1.type, data: { campaignId, managerId: request.managerId, addedBy: principal.sub, addedAt: new Date().toISOString() } }],
    );
  }
}
