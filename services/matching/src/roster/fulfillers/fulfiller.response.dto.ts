import { FULFILLER_TYPES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName } from './put-fulfiller.request.dto';
import { Fulfiller } from './fulfiller.model';

export class FulfillerResponse {
  @ApiProperty({ example: 'womens-federation' }) id: string;
  @ApiProperty({ enum: FULFILLER_TYPES }) type: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: [String] }) stations: string[];
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() updatedBy: string;

  static from({ _id, updatedAt, version: _version, ...rest }: Fulfiller): FulfillerResponse {
    return { id: _id, ...rest, updatedAt: updatedAt.toISOString() };
  }
}

export class FulfillersPage {
  @ApiProperty({ type: [FulfillerResponse] }) items: FulfillerResponse[];
}
