import { ApiProperty } from '@nestjs/swagger';
import { LedgerEntryResponse } from '../ledger-entry.response.dto';
import { PublicCampaign, PublicDisbursement } from '../public-report.response.dto';

/** The use of funds over one period (e.g. a quarter), computed from the ledger alone. */
export class DisclosureSummary {
  @ApiProperty({ type: PublicCampaign }) campaign: PublicCampaign;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to: string;
  @ApiProperty() openingBalanceCents: number;
  @ApiProperty() raisedCents: number;
  @ApiProperty() refundedCents: number;
  @ApiProperty() disbursedCents: number;
  @ApiProperty() correctionsCents: number;
  @ApiProperty({ description: 'opening + raised − refunded − disbursed + corrections' }) closingBalanceCents: number;
  @ApiProperty() salesCount: number;
  @ApiProperty({ type: [PublicDisbursement], description: 'Disbursements made in the period, with the current status of their visits' })
  disbursements: PublicDisbursement[];
  @ApiProperty({ type: [LedgerEntryResponse] }) entries: LedgerEntryResponse[];
}
