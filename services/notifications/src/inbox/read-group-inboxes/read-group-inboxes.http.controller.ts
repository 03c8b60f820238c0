import { CurrentPrincipal, notFound, PageQuery } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InboxPage, inboxPage } from '../inbox-page';
import { InboxRepository } from '../inbox.repository';
import { GroupMembership } from '../../groups/group-membership';

class GroupInboxResponse {
  @ApiProperty({ example: 'station-supervisors:meisha-centre' }) id: string;
  @ApiProperty() unreadCount: number;
}

@ApiTags('inbox')
@Controller('inbox/groups')
export class ReadGroupInboxesHttpController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly groups: GroupMembership,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The group inboxes I belong to, with their unread counts',
    description:
      'From my token: supervisors → `station-supervisors:{stationId}` of their stations; committee members → `fulfiller:committee:{villageId}` of their stations\' villages; partners → `fulfiller:partner:{orgId}`; coordinators → `fulfiller:volunteer_team:{teamId}` (organisation and team ids are listed in the token\'s `stations`).',
  })
  @ApiOkResponse({ type: [GroupInboxResponse] })
  async mine(@CurrentPrincipal() principal: Principal): Promise<GroupInboxResponse[]> {
    const ids = await this.groups.groupsOf(principal);
    // One count per group: a person belongs to a handful.
    return Promise.all(ids.map(async (id) => ({ id, unreadCount: await this.inbox.unreadCount(id) })));
  }

  @Get(':groupId')
  @ApiOperation({
    summary: 'A group inbox I belong to, newest first, with the unread count',
    description: 'Members of the group and admins; for anyone else the inbox does not exist (404), as with everything here that is not yours.',
  })
  @ApiOkResponse({ type: InboxPage })
  async list(@Param('groupId') groupId: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<InboxPage> {
    if (!(await this.groups.mayRead(principal, groupId))) throw notFound(`Group inbox ${groupId}`);
    return inboxPage(this.inbox, groupId, query);
  }
}
