import { CurrentPrincipal, decodeCursor, encodeCursor, notFound, PageQuery, Principal } from '@lantern/http';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InboxMessageResponse } from './inbox-message.response.dto';
import { InboxRepository } from './inbox.repository';

class InboxPage {
  @ApiProperty({ type: [InboxMessageResponse] }) items: InboxMessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unreadCount: number;
}

type Cursor = { createdAt: string; id: string };

@ApiTags('inbox')
@Controller('inbox')
export class InboxHttpController {
  constructor(private readonly inbox: InboxRepository) {}

  @Get()
  @ApiOperation({ summary: 'My in-app messages, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxPage })
  async list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<InboxPage> {
    const limit = query.limit ?? 20;
    const cursor = decodeCursor<Cursor>(query.cursor, ['createdAt', 'id']);
    const [rows, unreadCount] = await Promise.all([
      this.inbox.page(principal.sub, limit + 1, cursor && { createdAt: new Date(cursor.createdAt), id: cursor.id }),
      this.inbox.unreadCount(principal.sub),
    ]);
    const items = rows.slice(0, limit).map(InboxMessageResponse.from);
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null, unreadCount };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my messages read (idempotent)' })
  @ApiOkResponse({ type: InboxMessageResponse })
  async markRead(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<InboxMessageResponse> {
    const message = await this.inbox.findById(id);
    if (!message || message.recipientId !== principal.sub) throw notFound(`Message ${id}`);
    if (!message.readAt) {
      message.readAt = new Date();
      await this.inbox.markRead(id, message.readAt);
    }
    return InboxMessageResponse.from(message);
  }
}
