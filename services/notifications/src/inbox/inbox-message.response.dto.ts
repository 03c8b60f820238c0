import { ApiProperty } from '@nestjs/swagger';
import { InboxMessage } from './inbox-message.model';

export class InboxMessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'lantern.order.placed.v1' }) causeEventType: string;
  @ApiProperty({ description: 'What the message is about, e.g. an order id' }) subject: string;
  @ApiProperty({ enum: ['zh-CN', 'en'] }) locale: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;

  static from(message: InboxMessage): InboxMessageResponse {
    return {
      id: message._id,
      causeEventType: message.causeEventType,
      subject: message.subject,
      locale: message.locale,
      title: message.title,
      body: message.body,
      createdAt: message.createdAt.toISOString(),
      readAt: message.readAt?.toISOString() ?? null,
    };
  }
}
