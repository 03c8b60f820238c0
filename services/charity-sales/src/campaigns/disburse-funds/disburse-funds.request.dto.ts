import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { OPAQUE_ID } from '../opaque-id';

export class FundedVisitRequest {
  @ApiProperty({ example: 'meisha-centre', description: 'Station whose staff will serve the visit' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'stationId must be a station id' })
  stationId: string;

  @ApiProperty({ example: 'home-visit', description: 'Service code on the orders menu' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'serviceCode must be a service code' })
  serviceCode: string;

  @ApiProperty({ example: 'hh-meisha-0042', description: 'Opaque household reference — never a name or an address' })
  @IsString()
  @Matches(OPAQUE_ID, { message: 'householdRef must be an opaque reference (no names, no addresses)' })
  householdRef: string;
}

export class DisburseFundsRequest {
  @ApiProperty({ example: 20000, description: 'Amount allocated, in integer cents; at most the balance' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountCents: number;

  @ApiProperty({ type: [FundedVisitRequest], description: 'Each visit becomes a funded order in the orders service' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FundedVisitRequest)
  visits: FundedVisitRequest[];
}
