import { ApiProperty } from '@nestjs/swagger';
import { LOCALES } from '../templates/locale';
import { EXTERNAL_CHANNELS, Recipient } from './recipient.model';
import { QuietHoursRequest } from './put-recipient.request.dto';

/** A person's own preferences, shown back to them only. */
export class RecipientResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty({ nullable: true, type: String }) sms: string | null;
  @ApiProperty({ nullable: true, type: String }) wechat: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: EXTERNAL_CHANNELS, isArray: true }) channelOrder: string[];
  @ApiProperty({ type: QuietHoursRequest, nullable: true }) quietHours: QuietHoursRequest | null;
  @ApiProperty({ type: [String] }) optOuts: string[];

  static from(recipient: Recipient): RecipientResponse {
    const { _id, locale, sms, wechat, email, channelOrder, quietHours, optOuts } = recipient;
    return { id: _id, locale, sms, wechat, email, channelOrder, quietHours, optOuts };
  }
}
