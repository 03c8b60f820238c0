import { Omittable } from '@lantern/http';
import { FULFILLER_TYPES } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROSTER_ID, SERVICE_CATEGORIES } from '../domain/service-categories';
import { FulfillerType } from './fulfiller.model';

export class LocalizedName {
  @ApiProperty({ example: '黎洲角村民委员会' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  'zh-CN': string;

  @ApiProperty({ example: 'Lizhoujiao village committee' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  en: string;
}

export class PutFulfillerRequest {
  @ApiProperty({ enum: FULFILLER_TYPES, description: 'A committee’s id is its village id (the backstop of that village’s orders)' })
  @IsIn(FULFILLER_TYPES)
  type: FulfillerType;

  @ApiProperty({ type: LocalizedName })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedName)
  name: LocalizedName;

  @ApiProperty({ example: ['lizhoujiao-centre'], description: 'Stations whose orders it takes (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ROSTER_ID, { each: true, message: 'each station must be a station id' })
  stations: string[];

  @ApiProperty({ enum: SERVICE_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SERVICE_CATEGORIES.length)
  @IsIn(SERVICE_CATEGORIES, { each: true, message: `each category must be one of: ${SERVICE_CATEGORIES.join(', ')}` })
  categories: string[];

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
