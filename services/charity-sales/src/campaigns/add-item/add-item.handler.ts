import { CharityItemAddedV1 } from '@lantern/contracts';
import { conflict } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '@lantern/http';
import { AddItemRequest } from './add-item.request.dto';

@Injectable()
export class AddItemHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, request: AddItemRequest, idempotencySeed?: string) {
    const itemId = newId('itm', idempotencySeed);
    const { state } = await this.campaigns.manage(principal, campaignId, (current) => {
      if (current.items[itemId]) return []; // the same item, retried
      if (current.status === 'CLOSED') throw conflict('Nothing can be put on sale in a closed campaign', { campaignStatus: current.status });
      return [
        {
          type: CharityItemAddedV1.type,
          data: {
            campaignId,
            itemId,
            name: request.name,
            priceCents: request.priceCents,
            stock: request.stock,
            madeBy: { type: request.madeBy.type, id: request.madeBy.id },
            addedAt: new Date().toISOString(),
          },
        },
      ];
    });
    return state.items[itemId];
  }
}
