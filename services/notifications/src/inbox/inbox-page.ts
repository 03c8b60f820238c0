import { decodeCursor, encodeCursor, PageQuery } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { InboxMessageResponse } from './inbox-message.response.dto';
import { InboxRepository } from './inbox.repository';

export class InboxPage {
  @ApiProperty({ type: [InboxMessageResponse] }) items: InboxMessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unreadCount: number;
}

type Cursor = { createdAt: string; id: string };

/** One page of an inbox — a person's or a group's — newest first, with its unread count. */
export async function inboxPage(inbox: InboxRepository, recipientId: string, query: PageQuery): Promise<InboxPage> {
  const limit = query.limit ?? 20;
  const cursor = decodeCursor<Cursor>(query.cursor, ['createdAt', 'id']);
  const [rows, unreadCount] = await Promise.all([
    inbox.page(recipientId, limit + 1, cursor && { createdAt: new Date(cursor.createdAt), id: cursor.id }),
    inbox.unreadCount(recipientId),
  ]);
  const items = rows.slice(0, limit).map(InboxMessageResponse.from);
  const last = rows.length > limit ? items[items.length - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null, unreadCount };
}
