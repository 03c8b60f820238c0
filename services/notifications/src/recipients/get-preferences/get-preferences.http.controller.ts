import { CurrentPrincipal } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecipientResponse } from '../recipient.response.dto';
import { RecipientsRepository } from '../recipients.repository';

@ApiTags('recipients')
@Controller('recipients')
export class GetPreferencesHttpController {
  constructor(private readonly recipients: RecipientsRepository) {}

  @Get('me')
  @ApiOperation({ summary: 'My channels and preferences' })
  @ApiOkResponse({ type: RecipientResponse })
  async me(@CurrentPrincipal() principal: Principal): Promise<RecipientResponse> {
    return RecipientResponse.from(await this.recipients.get(principal.sub));
  }
}
