import { badRequest, decodeCursor, encodeCursor, PageQuery } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { InboxMessageResponse } from './inbox-message.response.dto';
import { InboxRepository } from './inbox.repository';

export class InboxPage {
  @ApiProperty({ type: [InboxMessageResponse] }) items: InboxMessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unreadCount: number;
}

/** A page ends at a position in the inbox's message log; the next page starts below it. */
type Cursor = { position: number };

/**
 * One page of an inbox — a person's or a group's — newest first, with its unread count: the
 * log's length and the read log's (a head and a few positions past it each), then one `_id`
 * lookup per message shown. New messages meanwhile do not move the pages after the first.
 */
export async function inboxPage(inbox: InboxRepository, recipientId: string, query: PageQuery): Promise<InboxPage> {
  const limit = query.limit ?? 20;
  const cursor = decodeCursor<Cursor>(query.cursor, ['position']);
  if (cursor && !(Number.isInteger(cursor.position) && cursor.position >= 1)) {
    throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  const { total, unread } = await inbox.counts(recipientId);
  const below = Math.min(cursor?.position ?? total + 1, total + 1);
  const { messages, last } = await inbox.page(recipientId, below, limit);
  const more = messages.length === limit && last > 1;
  return { items: messages.map(InboxMessageResponse.from), nextCursor: more ? encodeCursor({ position: last }) : null, unreadCount: unread };
}
