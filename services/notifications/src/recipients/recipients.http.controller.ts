import { contractFor } from '@lantern/contracts';
import { ApiProblemResponses, badRequest, CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PutRecipientRequest } from './put-recipient.request.dto';
import { EXTERNAL_CHANNELS } from './recipient.model';
import { RecipientResponse } from './recipient.response.dto';
import { isValidTimeZone } from './quiet-hours';
import { RecipientsRepository } from './recipients.repository';

@ApiTags('recipients')
@Controller('recipients')
export class RecipientsHttpController {
  constructor(private readonly recipients: RecipientsRepository) {}

  @Get('me')
  @ApiOperation({ summary: 'My channels and preferences' })
  @ApiOkResponse({ type: RecipientResponse })
  async me(@CurrentPrincipal() principal: Principal): Promise<RecipientResponse> {
    return RecipientResponse.from(await this.recipients.get(principal.sub));
  }

  @Put('me')
  @ApiOperation({ summary: 'Set my channels, language, quiet hours and opt-outs (replaces them all)' })
  @ApiOkResponse({ type: RecipientResponse })
  @ApiProblemResponses({
    400: 'A field is missing or invalid, each named in errors (quietHours must be an object with an IANA time zone; optOuts must be event types)',
    401: 'No valid bearer token',
  })
  async put(@Body() body: PutRecipientRequest, @CurrentPrincipal() principal: Principal): Promise<RecipientResponse> {
    if (body.quietHours && !isValidTimeZone(body.quietHours.timeZone)) {
      throw badRequest('Unknown time zone', [{ field: 'body.quietHours.timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' }]);
    }
    const unknown = (body.optOuts ?? []).filter((type) => !contractFor(type));
    if (unknown.length > 0) throw badRequest('Unknown event types', [{ field: 'body.optOuts', message: `not event types: ${unknown.join(', ')}` }]);
    const recipient = {
      _id: principal.sub,
      locale: body.locale,
      sms: body.sms ?? null,
      wechat: body.wechat ?? null,
      email: body.email ?? null,
      channelOrder: body.channelOrder ?? [...EXTERNAL_CHANNELS],
      quietHours: body.quietHours ? { start: body.quietHours.start, end: body.quietHours.end, timeZone: body.quietHours.timeZone } : null,
      optOuts: body.optOuts ?? [],
      // Roles and stations come from the token, not the body: nobody can join a group by saying so.
      roles: principal.roles,
      stations: principal.stations,
      updatedAt: new Date(),
    };
    await this.recipients.save(recipient);
    return RecipientResponse.from(recipient);
  }
}
