import { CharitySaleRecordedV1 } from '@lantern/contracts';
import { conflict, FieldError, forbidden, notFound, ProblemException, unprocessable } from '@lantern/http';
import { hasAnyRole, Principal, Role } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { CampaignState, SaleState } from '../domain/campaign.state';
import { newId } from '@lantern/http';
import { RecordSaleRequest } from './record-sale.request.dto';

/** Who may ring up a sale at the booth; online, any signed-in buyer pays for themselves. */
export const BOOTH_ROLES: readonly Role[] = ['volunteer', 'coordinator', 'campaign_manager'];

/** Who "recorded" an online sale, on the wire. */
const ONLINE_SHOP = 'online-shop';

@Injectable()
export class RecordSaleHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, request: RecordSaleRequest, idempotencySeed?: string): Promise<SaleState> {
    if (request.channel === 'booth' && !hasAnyRole(principal, BOOTH_ROLES)) {
      throw forbidden(`Booth sales are recorded by: ${BOOTH_ROLES.join(', ')}`);
    }
    const duplicates = request.lines.flatMap((line, index) =>
      request.lines.findIndex((other) => other.itemId === line.itemId) < index ? [{ field: `body.lines.${index}.itemId`, message: 'appears twice' }] : [],
    );
    if (duplicates.length > 0) throw unprocessable('Each item may appear once in a sale', duplicates);

    const saleId = newId('sale', idempotencySeed);
    // Private details first: a recorded sale must never lack them. A retry rewrites nothing.
    await this.campaigns.savePrivate(saleId, campaignId, {
      paymentRef: request.paymentRef ?? null,
      buyerRef: request.buyerRef ?? (request.channel === 'online' ? principal.sub : null),
    });
    // Decided on the campaign as it is now; when another buyer wins the version, the stream is
    // reloaded and the stock looked at again, so the one who comes too late sees it gone.
    const recorded = this.campaigns.execute(campaignId, (current) => {
      if (!current.exists) throw notFound(`Campaign ${campaignId}`);
      if (current.sales[saleId]) return []; // the same sale, retried
      if (current.status !== 'OPEN') throw conflict(`Campaign ${campaignId} is not open for sales`, { campaignStatus: current.status });
      this.checkStock(current, request);
      const lines = request.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, unitPriceCents: current.items[line.itemId].priceCents }));
      return [
        {
          type: CharitySaleRecordedV1.type,
          data: {
            campaignId,
            saleId,
            channel: request.channel,
            lines,
            amountCents: lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
            // Events name staff, never buyers: an online buyer's id stays in the private details.
            recordedBy: request.channel === 'booth' ? principal.sub : ONLINE_SHOP,
            recordedAt: new Date().toISOString(),
          },
        },
      ];
    });
    // Refused (409, 422, 404): nothing was sold, so nothing about the buyer is kept. Only our own
    // refusals are certain to have written no sale; other errors leave the details for a retry.
    const { state } = await recorded.catch(async (error: unknown) => {
      if (error instanceof ProblemException) await this.campaigns.forgetPrivate(saleId);
      throw error;
    });
    return state.sales[saleId];
  }

  private checkStock(campaign: CampaignState, request: RecordSaleRequest): void {
    const unknown: FieldError[] = request.lines.flatMap((line, index) =>
      campaign.items[line.itemId] ? [] : [{ field: `body.lines.${index}.itemId`, message: `no item ${line.itemId} in this campaign` }],
    );
    if (unknown.length > 0) throw unprocessable('The sale names items this campaign does not have', unknown);
    const shortages = request.lines
      .filter((line) => campaign.items[line.itemId].remaining < line.quantity)
      .map((line) => ({ itemId: line.itemId, requested: line.quantity, remaining: campaign.items[line.itemId].remaining }));
    if (shortages.length > 0) {
      throw conflict('Not enough stock left for this sale', { remaining: shortages[0].remaining, shortages });
    }
  }
}
