import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';

export class RecordCorrectionRequest {
  @ApiProperty({ example: -500, description: 'Signed, in integer cents: positive adds to the balance, negative takes from it' })
  @IsInt()
  @NotEquals(0)
  @Min(-100_000_000)
  @Max(100_000_000)
  amountCents: number;

  @ApiProperty({ example: 'Booth cash count on 2027-01-22 was 5 yuan short of the recorded sales', description: 'Published in the public ledger as written' })
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  explanation: string;

  @ApiPropertyOptional({ description: 'Ledger sequence number of the entry this corrects' })
  @Omittable()
  @IsInt()
  @Min(1)
  correctsEntry?: number;
}
