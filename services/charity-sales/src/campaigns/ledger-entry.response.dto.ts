import { ApiProperty } from '@nestjs/swagger';
import { LedgerEntry } from './domain/campaign.state';

/** One ledger line as the public sees it: what kind, which record, how much, and the balance after. */
export class LedgerEntryResponse {
  @ApiProperty({ description: 'Position in the ledger, from 1' }) seq: number;
  @ApiProperty({ enum: ['sale', 'refund', 'disbursement', 'correction'] }) kind: string;
  @ApiProperty({ description: 'The sale, refund, disbursement or correction id' }) ref: string;
  @ApiProperty({ description: 'Signed, in cents: money in is positive' }) amountCents: number;
  @ApiProperty({ description: 'Running balance after this entry, in cents' }) balanceCents: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, description: 'Corrections: why' }) explanation: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Corrections: the entry corrected' }) correctsEntry: number | null;

  static from(entry: LedgerEntry): LedgerEntryResponse {
    return { ...entry };
  }
}
