import { Roles } from '@lantern/http';
import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RecordingProvider } from '../recording.provider';

class OutgoingMessageResponse {
  @ApiProperty({ enum: ['sms', 'wechat', 'email'] }) channel: string;
  @ApiProperty({ description: 'Masked: only the last four characters are shown' }) to: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() deliveryId: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

const mask = (address: string) => `${'*'.repeat(Math.max(0, address.length - 4))}${address.slice(-4)}`;

/** Local mode only: what the recording provider would have sent by SMS, WeChat or e-mail. */
@ApiTags('admin')
@Controller('admin/outgoing')
export class ListOutgoingHttpController {
  constructor(@Optional() @Inject(RecordingProvider) private readonly recording?: RecordingProvider) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The last 100 messages the local recording provider kept (empty when real gateways are configured)' })
  @ApiOkResponse({ type: [OutgoingMessageResponse] })
  list(): OutgoingMessageResponse[] {
    return (this.recording?.sent ?? [])
      .slice(-100)
      .reverse()
      .map((sent) => ({ channel: sent.channel, to: mask(sent.address), title: sent.message.title, body: sent.message.body, deliveryId: sent.deliveryId, at: sent.at.toISOString() }));
  }
}
