import { CharityCampaignClosedV1, CharityCampaignOpenedV1 } from '@lantern/contracts';
import { conflict } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';

/** draft → open → closed, by the campaign's managers. Asking for the state it is already in is a harmless no-op. */
@Injectable()
export class CampaignLifecycleHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  open(principal: Principal, campaignId: string) {
    return this.campaigns.manage(principal, campaignId, (current) => {
      if (current.status === 'OPEN') return [];
      if (current.status === 'CLOSED') throw conflict('A closed campaign cannot be opened again', { campaignStatus: current.status });
      return [{ type: CharityCampaignOpenedV1.type, data: { campaignId, openedBy: principal.sub, openedAt: new Date().toISOString() } }];
    });
  }

  close(principal: Principal, campaignId: string) {
    return this.campaigns.manage(principal, campaignId, (current) => {
      if (current.status === 'CLOSED') return [];
      if (current.status === 'DRAFT') throw conflict('A campaign that never opened cannot be closed', { campaignStatus: current.status });
      return [{ type: CharityCampaignClosedV1.type, data: { campaignId, closedBy: principal.sub, closedAt: new Date().toISOString() } }];
    });
  }
}
