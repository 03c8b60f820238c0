import { ApiProblemResponses, CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PutRecipientRequest } from '../put-recipient.request.dto';
import { EXTERNAL_CHANNELS } from '../recipient.model';
import { RecipientResponse } from '../recipient.response.dto';
import { RecipientsRepository } from '../recipients.repository';

@ApiTags('recipients')
@Controller('recipients')
export class SavePreferencesHttpController {
  constructor(private readonly recipients: RecipientsRepository) {}

  @Put('me')
  @ApiOperation({ summary: 'Set my channels, language, quiet hours and opt-outs (replaces them all)' })
  @ApiOkResponse({ type: RecipientResponse })
  @ApiProblemResponses({
    400: 'A field is missing or invalid, each named in errors (quietHours must be an object with an IANA time zone; optOuts must be event types)',
    401: 'No valid bearer token',
  })
  async put(@Body() body: PutRecipientRequest, @CurrentPrincipal() principal: Principal): Promise<RecipientResponse> {
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
