import { ApiProperty } from '@nestjs/swagger';
import { DisbursementState } from '../domain/campaign.state';

class FundedVisitResponse {
  @ApiProperty() visitId: string;
  @ApiProperty({ description: 'The funded order the orders service creates for this visit' }) orderId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ description: 'Shown to the campaign manager only; never in the public report' }) householdRef: string;
  @ApiProperty({ enum: ['FUNDED', 'FULFILLED'] }) status: string;
}

export class DisbursementResponse {
  @ApiProperty({ example: 'dsb_3f1c…' }) id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ description: 'Balance left after this disbursement' }) balanceCents: number;
  @ApiProperty({ type: [FundedVisitResponse] }) visits: FundedVisitResponse[];
  @ApiProperty({ format: 'date-time' }) disbursedAt: string;

  static from(campaignId: string, disbursement: DisbursementState, balanceCents: number): DisbursementResponse {
    return {
      id: disbursement.id,
      campaignId,
      amountCents: disbursement.amountCents,
      balanceCents,
      visits: disbursement.visits.map(({ visitId, orderId, stationId, serviceCode, householdRef, status }) => ({ visitId, orderId, stationId, serviceCode, householdRef, status })),
      disbursedAt: disbursement.disbursedAt,
    };
  }
}
