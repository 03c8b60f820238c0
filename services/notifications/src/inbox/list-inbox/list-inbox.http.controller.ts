import { CurrentPrincipal, PageQuery } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxPage, inboxPage } from '../inbox-page';
import { InboxRepository } from '../inbox.repository';

@ApiTags('inbox')
@Controller('inbox')
export class ListInboxHttpController {
  constructor(private readonly inbox: InboxRepository) {}

  @Get()
  @ApiOperation({ summary: 'My in-app messages, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxPage })
  list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<InboxPage> {
    return inboxPage(this.inbox, principal.sub, query);
  }
}
