import { APP_CONFIG } from '@lantern/config';
import { CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationsConfig } from '../../notifications.config';
import { StreamTicketResponse } from './stream-ticket.response.dto';
import { StreamTicketsRepository } from '../stream-tickets.repository';

@ApiTags('inbox')
@Controller('inbox/stream-tickets')
export class IssueStreamTicketHttpController {
  constructor(
    private readonly tickets: StreamTicketsRepository,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /**
   * Not @Idempotent on purpose: a replayed response would hand out a ticket that may already be
   * used, and the idempotency record would store it in clear. A retry simply gets a new ticket;
   * an unused one expires on its own.
   */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'A single-use ticket to open my SSE stream without the Authorization header',
    description:
      'For browsers: `new EventSource("/v1/inbox/stream?ticket=…")`. The ticket opens the stream of the caller who asked for it, once, within SSE_TICKET_TTL_MS (60 s by default); afterwards it is 401. Ask for a new ticket before each (re)connect.',
  })
  @ApiCreatedResponse({ type: StreamTicketResponse })
  async issue(@CurrentPrincipal() principal: Principal): Promise<StreamTicketResponse> {
    const { ticket, expiresAt } = await this.tickets.issue(principal, this.config.SSE_TICKET_TTL_MS);
    return { ticket, expiresAt: expiresAt.toISOString() };
  }
}
