import { EventStore } from '@lantern/event-store';
import { PrivacyAnswers, PrivacyRequest, PrivacyRequestAnswerer } from '@lantern/privacy';
import { Injectable } from '@nestjs/common';
import { CampaignRepository } from '../../campaigns/campaign.repository';

/**
 * The charity-sales service's answer to a privacy request about a buyer:
 * - export: every sale they made (campaign, channel, lines, amount, time, refunds) with its payment
 *   reference;
 * - erasure: their key is deleted, so the payment references sealed under it are unreadable, and
 *   the link from their id to each sale goes. The sales, the stock, the campaign ledger and the
 *   public report do not change: they never named the buyer.
 * Managers and staff named on the campaign streams (`recordedBy`, managers) are staff ids, kept.
 */
@Injectable()
export class AnswerPrivacyRequestHandler implements PrivacyRequestAnswerer {
  private readonly answers: PrivacyAnswers;

  constructor(
    store: EventStore,
    private readonly campaigns: CampaignRepository,
  ) {
    this.answers = new PrivacyAnswers(store, 'charity-sales');
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (request.kind === 'consent-withdrawal' || (await this.answers.answered(request))) return;
    const sales = await this.campaigns.salesOf(request.subjectId);
    if (request.kind === 'export') {
      await this.answers.exported(request, { purchases: await Promise.all(sales.map((sale) => this.purchase(sale._id, sale.campaignId, sale.paymentRef))) });
      return;
    }
    await this.campaigns.forgetBuyer(request.subjectId, sales.map((sale) => sale._id));
    await this.answers.erased(request, 'erasure');
  }

  private async purchase(saleId: string, campaignId: string, paymentRef: string | null) {
    const { state } = await this.campaigns.load(campaignId);
    const sale = state.sales?.[saleId];
    return { saleId, campaignId, campaignTitle: state.exists ? state.title : null, channel: sale?.channel ?? null, lines: sale?.lines ?? [], amountCents: sale?.amountCents ?? null, refunded: sale?.refunded ?? {}, recordedAt: sale?.recordedAt ?? null, paymentRef };
  }
}
