import { CharityItemAddedV1 } from '@lantern/contracts';
import { conflict, notFound } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '../ids';
import { AddItemRequest } from './add-item.request.dto';

@Injectable()
export class AddItemHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(campaignId: string, request: AddItemRequest, idempotencySeed?: string) {
    const itemId = newId('itm', idempotencySeed);
    const { state } = await this.campaigns.execute(campaignId, (current) => {
      if (!current.exists) throw notFound(`Campaign ${campaignId}`);
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
