import { SALE_CHANNELS } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { SaleState } from '../domain/campaign.state';

class SaleLineResponse {
  @ApiProperty() itemId: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPriceCents: number;
}

/** What the seller (or online buyer) gets back; the payment reference appears only here. */
export class SaleResponse {
  @ApiProperty({ example: 'sale_3f1c…' }) id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty({ enum: SALE_CHANNELS }) channel: string;
  @ApiProperty({ type: [SaleLineResponse] }) lines: SaleLineResponse[];
  @ApiProperty({ example: 7600 }) amountCents: number;
  @ApiProperty({ nullable: true, type: String }) paymentRef: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static from(campaignId: string, sale: SaleState, paymentRef: string | null): SaleResponse {
    return { id: sale.id, campaignId, channel: sale.channel, lines: sale.lines, amountCents: sale.amountCents, paymentRef, recordedAt: sale.recordedAt };
  }
}
