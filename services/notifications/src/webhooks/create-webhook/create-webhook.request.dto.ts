import { ALL_EVENT_TYPES } from '@lantern/contracts';
import { Omittable } from '@lantern/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hotline.example.org/lantern/events',
    description:
      'Receives POSTs of structured CloudEvents. https in production (http elsewhere); its host must resolve only to publicly reachable addresses — checked now (422) and again before every delivery.',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ isArray: true, type: String, example: ['lantern.order.placed.v1', 'lantern.order.completed.v1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(ALL_EVENT_TYPES, { each: true, message: 'eventTypes must be event types (see the AsyncAPI document)' })
  eventTypes: string[];

  @ApiPropertyOptional({ description: 'Signing secret (16+ characters). Generated when omitted; shown only in this response.' })
  @Omittable()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;
}
