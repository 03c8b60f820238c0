import { badRequest, decodeCursor, encodeCursor, PageQuery } from '@lantern/http';
import { ApiProperty } from '@nestjs/swagger';
import { InboxMessageResponse } from './inbox-message.response.dto';
import { InboxRepository } from './inbox.repository';

export class InboxPage {
  @ApiProperty({ type: [InboxMessageResponse] }) items: InboxMessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty() unreadCount: number;
}

/** A page ends at a position of one generation's log (InboxPosition); the next page starts below it. */
type Cursor = { position: number; generation?: string | null };

/**
 * One page of an inbox — a person's or a group's — newest first, with its unread count: the
 * lengths of each kept generation's logs (a head and a few positions past it each, the
 * generations at once), then one `_id` lookup per message shown. New messages meanwhile do not
 * move the pages after the first.
 */
export async function inboxPage(inbox: InboxRepository, recipientId: string, query: PageQuery): Promise<InboxPage> {
  const limit = query.limit ?? 20;
  const cursor = decodeCursor<Cursor>(query.cursor, ['position']);
  const generation = cursor?.generation ?? null;
  if (cursor && !(Number.isInteger(cursor.position) && cursor.position >= 1 && (generation === null || (typeof generation === 'string' && /^\d{8}$/.test(generation))))) {
    throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  // A cursor without a generation was issued before inboxes had generations: its positions are the store kept from then.
  const { messages, next, unread } = await inbox.page(recipientId, limit, cursor && { generation, below: cursor.position });
  return {
    items: messages.map(InboxMessageResponse.from),
    nextCursor: next ? encodeCursor({ position: next.below, generation: next.generation }) : null,
    unreadCount: unread,
  };
}
