import { badRequest, Public } from '@lantern/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignRepository } from '../campaign.repository';
import { LedgerEntryResponse } from '../ledger-entry.response.dto';
import { PublicCampaign, PublicDisbursement } from '../public-report.response.dto';
import { DisclosureQuery } from './disclosure.query.dto';
import { DisclosureSummary } from './disclosure.response.dto';

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

@ApiTags('transparency')
@Controller('campaigns')
export class DisclosureHttpController {
  constructor(private readonly campaigns: CampaignRepository) {}

  @Get(':id/disclosure')
  @Public()
  @ApiOperation({ summary: 'Disclosure of the use of funds for a period [from, to) — e.g. a quarter — from the ledger (public)' })
  @ApiOkResponse({ type: DisclosureSummary })
  async disclose(@Param('id') id: string, @Query() query: DisclosureQuery): Promise<DisclosureSummary> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to)) throw badRequest('The period must end after it starts', [{ field: 'query.to', message: 'must be after from' }]);
    const { state } = await this.campaigns.loadExisting(id);

    const inPeriod = state.ledger.filter((entry) => new Date(entry.at) >= from && new Date(entry.at) < to);
    const before = state.ledger.filter((entry) => new Date(entry.at) < from);
    const amounts = (kind: string) => inPeriod.filter((entry) => entry.kind === kind).map((entry) => entry.amountCents);
    const openingBalanceCents = before.length > 0 ? before[before.length - 1].balanceCents : 0;
    return {
      campaign: PublicCampaign.from(state),
      from: from.toISOString(),
      to: to.toISOString(),
      openingBalanceCents,
      raisedCents: sum(amounts('sale')),
      refundedCents: -sum(amounts('refund')),
      disbursedCents: -sum(amounts('disbursement')),
      correctionsCents: sum(amounts('correction')),
      closingBalanceCents: openingBalanceCents + sum(inPeriod.map((entry) => entry.amountCents)),
      salesCount: amounts('sale').length,
      disbursements: inPeriod.filter((entry) => entry.kind === 'disbursement').map((entry) => PublicDisbursement.from(state.disbursements[entry.ref])),
      entries: inPeriod.map(LedgerEntryResponse.from),
    };
  }
}
