import { CAMPAIGN_STATUSES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Campaign, DisbursementState } from './domain/campaign.state';

class PublicPartner {
  @ApiProperty() name: string;
  @ApiProperty() filingNumber: string;
}

export class PublicCampaign {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: PublicPartner }) partner: PublicPartner;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: string;

  static from(state: Campaign): PublicCampaign {
    const { id, title, purpose, partner, startsOn, endsOn, status } = state;
    return { id, title, purpose, partner, startsOn, endsOn, status };
  }
}

class ItemSold {
  @ApiProperty() itemId: string;
  @ApiProperty() name: string;
  @ApiProperty() priceCents: number;
  @ApiProperty({ description: 'Units sold, before refunds' }) sold: number;
  @ApiProperty({ description: 'Units refunded and back in stock' }) returned: number;
  @ApiProperty() remaining: number;
}

class PublicVisit {
  @ApiProperty() visitId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ enum: ['FUNDED', 'FULFILLED'] }) status: string;
  @ApiProperty({ enum: ['done', 'partially_done', 'referred'], nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) fulfilledAt: string | null;
}

/** A disbursement as the public sees it: the household reference stays with the campaign manager. */
export class PublicDisbursement {
  @ApiProperty() id: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ format: 'date-time' }) disbursedAt: string;
  @ApiProperty({ type: [PublicVisit] }) visits: PublicVisit[];

  static from(disbursement: DisbursementState): PublicDisbursement {
    return {
      id: disbursement.id,
      amountCents: disbursement.amountCents,
      disbursedAt: disbursement.disbursedAt,
      visits: disbursement.visits.map(({ visitId, stationId, serviceCode, status, outcome, fulfilledAt }) => ({ visitId, stationId, serviceCode, status, outcome, fulfilledAt })),
    };
  }
}

/** Where the money came from and where it went. balance = raised − refunded − disbursed + corrections. */
export class CampaignReport {
  @ApiProperty({ type: PublicCampaign }) campaign: PublicCampaign;
  @ApiProperty() raisedCents: number;
  @ApiProperty() refundedCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty({ description: 'Net of all correction entries (signed)' }) correctionsCents: number;
  @ApiProperty() balanceCents: number;
  @ApiProperty() salesCount: number;
  @ApiProperty({ type: [ItemSold] }) itemsSold: ItemSold[];
  @ApiProperty({ type: [PublicDisbursement] }) disbursements: PublicDisbursement[];
  @ApiProperty({ format: 'date', description: 'Full disclosure of the use of funds is due within 3 months after the end' })
  finalDisclosureDueBy: string;
  @ApiProperty({ description: 'Campaign stream version this report reflects' }) version: number;

  static from(state: Campaign, version: number): CampaignReport {
    return {
      campaign: PublicCampaign.from(state),
      ...state.totals,
      salesCount: Object.keys(state.sales).length,
      itemsSold: Object.values(state.items).map(({ id, name, priceCents, sold, returned, remaining }) => ({ itemId: id, name, priceCents, sold, returned, remaining })),
      disbursements: Object.values(state.disbursements).map(PublicDisbursement.from),
      finalDisclosureDueBy: threeMonthsAfter(state.endsOn),
      version,
    };
  }
}

function threeMonthsAfter(date: string): string {
  const due = new Date(`${date}T00:00:00Z`);
  const day = due.getUTCDate();
  due.setUTCDate(1);
  due.setUTCMonth(due.getUTCMonth() + 3);
  // The same day three months on, or the month's last day when it has no such day.
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(day, lastDay));
  return due.toISOString().slice(0, 10);
}
