import { APP_CONFIG } from '@lantern/config';
import { CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotificationsConfig } from '../../notifications.config';
import { BearerOrStreamTicket } from '../../stream-tickets/stream-auth.guard';
import { InboxMessage } from '../inbox-message.model';
import { InboxMessageResponse } from '../inbox-message.response.dto';
import { InboxStream } from '../inbox-stream';
import { InboxRepository, StreamPosition } from '../inbox.repository';

const HEARTBEAT_MS = 15_000;

@ApiTags('inbox')
@Controller('inbox')
export class StreamInboxHttpController {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly stream: InboxStream,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /**
   * Server-Sent Events: each new message of mine as `event: message` with the message as JSON.
   * Messages stored by this replica are pushed the moment they are stored; messages stored by
   * another replica arrive with the next poll (SSE_POLL_INTERVAL_MS), which looks at the next
   * position of my inbox's message log — one `_id` lookup while nothing arrives. Both paths may
   * see a message; it is sent once per connection. Browsers authenticate with a stream ticket.
   */
  @Get('stream')
  @BearerOrStreamTicket()
  @ApiOperation({ summary: 'My new inbox messages, live (text/event-stream)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'A stream of `event: message` with an InboxMessage as data' })
  async live(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Where the inbox's message log ends as the stream opens: whatever comes after reaches it.
    const log = { position: await this.inbox.streamStart(principal.sub) };
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 2000\n\n');

    const sent = new Set<string>();
    const send = (message: InboxMessage) => {
      if (sent.has(message._id) || raw.destroyed) return;
      sent.add(message._id);
      if (sent.size > 1000) sent.delete(sent.values().next().value as string);
      raw.write(`id: ${message._id}\nevent: message\ndata: ${JSON.stringify(InboxMessageResponse.from(message))}\n\n`);
    };

    const unsubscribe = this.stream.subscribe(principal.sub, send);
    let polling = false;
    const look = () => {
      if (polling) return;
      polling = true;
      this.lookForNew(principal.sub, log, send)
        .catch(() => undefined) // the next poll tries again
        .finally(() => (polling = false));
    };
    const poll = setInterval(look, this.config.SSE_POLL_INTERVAL_MS);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      unsubscribe();
      clearInterval(poll);
      clearInterval(heartbeat);
    });
  }

  /** Sends what arrived past the position the stream has seen, in order. */
  private async lookForNew(inbox: string, log: { position: StreamPosition }, send: (message: InboxMessage) => void): Promise<void> {
    const { messages, position } = await this.inbox.after(inbox, log.position);
    messages.forEach(send);
    log.position = position;
  }
}
