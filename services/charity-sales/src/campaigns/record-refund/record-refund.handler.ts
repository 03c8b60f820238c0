import { CharityRefundRecordedV1 } from '@lantern/contracts';
import { conflict, notFound, unprocessable } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../campaign.repository';
import { CampaignState, SaleState } from '../domain/campaign.state';
import { newId } from '@lantern/http';
import { RecordRefundRequest } from './record-refund.request.dto';

/** A refund is a new ledger entry and puts the items back in stock; the sale itself stays as it was. */
@Injectable()
export class RecordRefundHandler {
  constructor(private readonly campaigns: CampaignRepository) {}

  async execute(principal: Principal, campaignId: string, request: RecordRefundRequest, idempotencySeed?: string) {
    const refundId = newId('rfd', idempotencySeed);
    const { state } = await this.campaigns.manage(principal, campaignId, (current) => {
      if (current.refundIds[refundId]) return []; // the same refund, retried
      const sale = current.sales[request.saleId];
      if (!sale) throw notFound(`Sale ${request.saleId} of campaign ${campaignId}`);
      const lines = this.linesToRefund(sale, request);
      const amountCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
      this.checkBalance(current, amountCents);
      return [
        {
          type: CharityRefundRecordedV1.type,
          data: { campaignId, refundId, saleId: sale.id, lines, amountCents, reason: request.reason, recordedBy: principal.sub, recordedAt: new Date().toISOString() },
        },
      ];
    });
    return state.ledger.find((entry) => entry.ref === refundId)!;
  }

  private linesToRefund(sale: SaleState, request: RecordRefundRequest) {
    const refundable = sale.lines.map((line) => ({ ...line, quantity: line.quantity - (sale.refunded[line.itemId] ?? 0) }));
    if (!request.lines) {
      const rest = refundable.filter((line) => line.quantity > 0);
      if (rest.length === 0) throw conflict(`Sale ${sale.id} is already fully refunded`);
      return rest;
    }
    const errors = request.lines.flatMap((line, index) => {
      const sold = refundable.find((candidate) => candidate.itemId === line.itemId);
      if (!sold) return [{ field: `body.lines.${index}.itemId`, message: `item ${line.itemId} is not in sale ${sale.id}` }];
      return line.quantity > sold.quantity ? [{ field: `body.lines.${index}.quantity`, message: `at most ${sold.quantity} can still be refunded` }] : [];
    });
    if (errors.length > 0) throw unprocessable('The refund does not match what was sold', errors);
    return request.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, unitPriceCents: refundable.find((sold) => sold.itemId === line.itemId)!.unitPriceCents }));
  }

  /** The balance never goes below zero: money already disbursed cannot be refunded from this campaign. */
  private checkBalance(campaign: CampaignState, amountCents: number): void {
    if (amountCents > campaign.totals.balanceCents) {
      throw conflict('The campaign balance cannot cover this refund', { balanceCents: campaign.totals.balanceCents, requestedCents: amountCents });
    }
  }
}
