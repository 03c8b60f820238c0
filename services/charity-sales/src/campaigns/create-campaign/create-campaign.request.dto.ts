import { IsCalendarDate } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class PartnerCharityRequest {
  @ApiProperty({ example: '东莞市慈善会', description: 'The qualified charity organisation that holds the funds' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '53441900MJL0000000A', description: 'Filing (备案) number of the public fundraising' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  filingNumber: string;
}

export class CreateCampaignRequest {
  @ApiProperty({ example: '灯火万家 2027 Spring Festival sale' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Visits to elderly people living alone in Hongmei' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  purpose: string;

  @ApiProperty({ type: PartnerCharityRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => PartnerCharityRequest)
  partner: PartnerCharityRequest;

  @ApiProperty({ format: 'date', example: '2027-01-20' })
  @IsCalendarDate({ message: 'startsOn must be a date (YYYY-MM-DD)' })
  startsOn: string;

  @ApiProperty({ format: 'date', example: '2027-02-20' })
  @IsCalendarDate({ message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn: string;
}
