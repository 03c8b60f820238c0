import { FULFILLER_TYPES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';

class FulfillerRequest {
  @ApiProperty({ enum: FULFILLER_TYPES })
  @IsIn(FULFILLER_TYPES)
  type: (typeof FULFILLER_TYPES)[number];

  @ApiProperty({ example: 'lizhoujiao', description: 'committee: the village id; partner: the organisation id; volunteer_team: the team id' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/i, { message: 'id must be a fulfiller id' })
  id: string;
}

export class RouteOrderRequest {
  @ApiProperty({ type: FulfillerRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => FulfillerRequest)
  fulfiller: FulfillerRequest;
}
