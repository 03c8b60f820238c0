import { CharityCampaignCreatedV1 } from '@lantern/contracts';
import { existing } from '@lantern/event-store';
import { unprocessable } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { newId } from '@lantern/http';
import { CreateCampaignRequest } from './create-campaign.request.dto';

@Injectable()
export class CreateCampaignHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, request: CreateCampaignRequest, idempotencySeed?: string) {
    if (request.endsOn < request.startsOn) {
      throw unprocessable('A campaign cannot end before it starts', [{ field: 'body.endsOn', message: 'must not be before startsOn' }]);
    }
    const campaignId = newId('cmp', idempotencySeed);
    const created = await this.campaigns.execute(campaignId, (current) =>
      current.exists
        ? [] // the same creation, retried
        : [
            {
              type: CharityCampaignCreatedV1.type,
              data: {
                campaignId,
                title: request.title,
                purpose: request.purpose,
                partner: { name: request.partner.name, filingNumber: request.partner.filingNumber },
                startsOn: request.startsOn,
                endsOn: request.endsOn,
                createdBy: principal.sub,
                createdAt: new Date().toISOString(),
              },
            },
          ],
    );
    return { ...created, state: existing(created.state, campaignId) };
  }
}
