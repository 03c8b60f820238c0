import { CurrentPrincipal, forbidden, notFound } from '@lantern/http';
import { hasAnyRole, Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GroupMembership } from '../../groups/group-membership';
import { isGroupInbox } from '../../routing/notification';
import { InboxMessageResponse } from '../inbox-message.response.dto';
import { InboxRepository } from '../inbox.repository';

@ApiTags('inbox')
@Controller('inbox')
export class MarkReadHttpController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly groups: GroupMembership,
  ) {}

  @Post('messages/:id/read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a message read (idempotent)',
    description:
      'One of my messages, or a message of a group inbox I belong to. A group message is read once for the whole group: the first member who reads it marks it read for all (a shared team inbox). Admins may read group inboxes but not mark their messages read: that is for the people who handle them.',
  })
  @ApiOkResponse({ type: InboxMessageResponse })
  async markRead(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<InboxMessageResponse> {
    const message = await this.inbox.findById(id);
    if (!message) throw notFound(`Message ${id}`);
    if (message.recipientId !== principal.sub) await this.mayMarkForGroup(principal, message.recipientId, id);
    if (!message.readAt) message.readAt = await this.inbox.markRead(message, new Date());
    return InboxMessageResponse.from(message);
  }

  /**
   * The first address of "mark read", kept for existing clients but left out of the document:
   * `/v1/inbox/{id}/read` and `/v1/inbox/groups/{groupId}` cannot be told apart by a path template.
   */
  @Post(':id/read')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  markReadAtFirstAddress(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<InboxMessageResponse> {
    return this.markRead(id, principal);
  }

  /** Members mark their group's messages; an admin sees them (403); for anyone else they do not exist. */
  private async mayMarkForGroup(principal: Principal, recipientId: string, id: string): Promise<void> {
    if (await this.groups.isMember(principal, recipientId)) return;
    if (isGroupInbox(recipientId) && hasAnyRole(principal, ['admin'])) throw forbidden('Only members of the group mark its messages read');
    throw notFound(`Message ${id}`);
  }
}
