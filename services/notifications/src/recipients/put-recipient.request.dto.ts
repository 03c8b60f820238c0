import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ALL_EVENT_TYPES } from '@lantern/contracts';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsObject, Matches, ValidateNested } from 'class-validator';
import { LOCALES, Locale } from '../templates/locale';
import { TIME_ZONES } from './quiet-hours';
import { EXTERNAL_CHANNELS, ExternalChannel } from './recipient.model';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursRequest {
  @ApiProperty({ example: '22:00' })
  @Matches(HHMM, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '07:00' })
  @Matches(HHMM, { message: 'end must be HH:MM' })
  end: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  @IsIn(TIME_ZONES, { message: 'must be an IANA time zone such as Asia/Shanghai' })
  timeZone: string;
}

export class PutRecipientRequest {
  @ApiProperty({ enum: LOCALES, example: 'zh-CN' })
  @IsIn(LOCALES)
  locale: Locale;

  @ApiPropertyOptional({ example: '+8613800000000', description: 'Mobile number for SMS (E.164). Never leaves this service.' })
  @Omittable()
  @Matches(/^\+?[0-9]{6,15}$/, { message: 'sms must be a phone number' })
  sms?: string;

  @ApiPropertyOptional({ description: 'WeChat openid. Never leaves this service.' })
  @Omittable()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'wechat must be a WeChat openid' })
  wechat?: string;

  @ApiPropertyOptional({ example: 'someone@example.org' })
  @Omittable()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ enum: EXTERNAL_CHANNELS, isArray: true, description: 'Try these in order; a failed channel falls back to the next. Default: wechat, sms, email.' })
  @Omittable()
  @IsArray()
  @IsIn(EXTERNAL_CHANNELS, { each: true })
  channelOrder?: ExternalChannel[];

  @ApiPropertyOptional({ type: QuietHoursRequest, description: 'Non-critical messages wait until these end' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursRequest)
  quietHours?: QuietHoursRequest;

  @ApiPropertyOptional({ isArray: true, type: String, example: ['lantern.order.started.v1'], description: 'Event types I do not want to hear about' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(ALL_EVENT_TYPES, { each: true, message: 'optOuts must be event types (see the AsyncAPI document)' })
  optOuts?: string[];
}
