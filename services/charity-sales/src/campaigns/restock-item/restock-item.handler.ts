import { CharityItemRestockedV1 } from '@lantern/contracts';
import { conflict, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '@lantern/http';
import { RestockItemRequest } from './restock-item.request.dto';

/**
 * More lanterns came in. The restock is an event on the campaign stream, like the sales it races
 * with: whichever appends first, the other decides again on the stock the first one left, so a
 * buyer who lost the race to the restock sees the new lanterns and none is sold twice.
 */
@Injectable()
export class RestockItemHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, itemId: string, request: RestockItemRequest, idempotencySeed?: string) {
    const restockId = newId('stk', idempotencySeed);
    const { state } = await this.campaigns.manage(principal, campaignId, (current) => {
      if (current.restockIds[restockId]) return []; // the same restock, retried
      if (!current.items[itemId]) throw notFound(`Item ${itemId} of campaign ${campaignId}`);
      if (current.status === 'CLOSED') throw conflict('Nothing can be restocked in a closed campaign', { campaignStatus: current.status });
      return [
        {
          type: CharityItemRestockedV1.type,
          data: { campaignId, itemId, restockId, quantity: request.add, restockedBy: principal.sub, restockedAt: new Date().toISOString() },
        },
      ];
    });
    return state.items[itemId];
  }
}
