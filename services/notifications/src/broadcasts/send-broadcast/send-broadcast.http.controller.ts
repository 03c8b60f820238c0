import { BroadcastSentV1 } from '@lantern/contracts';
import { ConcurrencyError, EventStore } from '@lantern/event-store';
import { ApiProblemResponses, CurrentPrincipal, Idempotent, IdempotentRequest, newId, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TeamRostersRepository } from '../../teams/team-rosters.repository';
import { scopeBroadcast } from '../broadcast-scope.policy';
import { SendBroadcastRequest } from './send-broadcast.request.dto';

class BroadcastAccepted {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

@ApiTags('broadcasts')
@Controller('broadcasts')
export class SendBroadcastHttpController {
  constructor(
    private readonly store: EventStore,
    private readonly teams: TeamRostersRepository,
  ) {}

  @Post()
  @HttpCode(202)
  @Idempotent()
  @Roles('coordinator', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Announce something to a station, a team or a role',
    description:
      'Accepted, then delivered asynchronously to every member who registered with this service (PUT /v1/recipients/me), each in their language and respecting their quiet hours. Admins reach anyone. Staff reach their own stations; the teams they coordinate (or whose station they supervise; team members come from the volunteers service\'s team events); and a role\'s members at their own stations.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: BroadcastAccepted })
  @ApiProblemResponses({
    400: 'A field is missing or invalid, each named in errors (audience, title and body must be objects; an unknown role is body.audience.id)',
    401: 'No valid bearer token',
    403: 'The audience is beyond your reach (another station, a team you neither coordinate nor supervise)',
    404: 'The team does not exist',
    409: 'A request with this Idempotency-Key is still in progress',
    422: 'This Idempotency-Key was used with a different body',
  })
  async send(@Body() body: SendBroadcastRequest, @CurrentPrincipal() principal: Principal, @Req() request: IdempotentRequest): Promise<BroadcastAccepted> {
    const team = body.audience.type === 'team' ? await this.teams.get(body.audience.id) : null;
    const audience = scopeBroadcast(principal, body.audience, team);
    const id = newId('bc', request.idempotencySeed);
    const sentAt = new Date().toISOString();
    try {
      // The broadcast is an event; the consumer that routes every other event fans it out,
      // with Kafka's retries, rather than this request looping over thousands of people.
      await this.store.append(
        id,
        0,
        [{ type: BroadcastSentV1.type, data: { broadcastId: id, audience, title: { ...body.title }, body: { ...body.body }, sentBy: principal.sub, sentAt } }],
        { writeOnce: true }, // a broadcast is one event: its stream needs no head
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error; // the same broadcast, retried
    }
    return { id, sentAt };
  }
}
