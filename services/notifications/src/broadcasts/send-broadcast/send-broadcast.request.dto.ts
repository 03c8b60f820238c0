import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class AudienceRequest {
  @ApiProperty({ enum: ['station', 'team', 'role'] })
  @IsIn(['station', 'team', 'role'])
  type: 'station' | 'team' | 'role';

  @ApiProperty({ example: 'lizhoujiao-centre', description: 'Station id, team id, or role name (e.g. volunteer)' })
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'id must be a station, team or role id' })
  id: string;
}

export class LocalizedTextRequest {
  @ApiProperty({ example: '周六上午义诊活动' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  'zh-CN': string;

  @ApiProperty({ example: 'Free health check on Saturday morning' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  en: string;
}

export class SendBroadcastRequest {
  @ApiProperty({ type: AudienceRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceRequest)
  audience: AudienceRequest;

  @ApiProperty({ type: LocalizedTextRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextRequest)
  title: LocalizedTextRequest;

  @ApiProperty({ type: LocalizedTextRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextRequest)
  body: LocalizedTextRequest;
}
