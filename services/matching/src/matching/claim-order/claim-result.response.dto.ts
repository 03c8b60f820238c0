import { ApiProperty } from '@nestjs/swagger';

export class ClaimResponse {
  @ApiProperty() orderId: string;
  @ApiProperty({ description: 'The winner: you' }) socialWorkerId: string;
  @ApiProperty({ format: 'date-time' }) claimedAt: string;
  @ApiProperty({ description: 'Version of the matching case after the claim' }) version: number;
}
