import { IsHundredths } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, Max, MaxLength, Min, MinLength, NotEquals } from 'class-validator';

export class CorrectHoursRequest {
  @ApiProperty({ example: 'hours:vol-1:attendance:act_3f1c9a', description: 'The ledger entry being corrected (from the hours statement)' })
  @IsString()
  @Matches(/^hours:[A-Za-z0-9._:-]{1,200}$/, { message: 'correctsEntryId must be a ledger entry id' })
  correctsEntryId: string;

  @ApiProperty({ example: -2, description: 'Signed adjustment: negative takes hours away' })
  @IsHundredths()
  @Min(-200)
  @Max(200)
  @NotEquals(0)
  hours: number;

  @ApiProperty({ example: 'Checked out two hours late by mistake' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}
