import { CurrentPrincipal, Idempotent, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { OrderIdParams } from '../order-id.params';
import { DeclineOfferHandler } from './decline-offer.handler';
import { DeclineOfferRequest } from './decline-offer.request.dto';

class DeclineResponse {
  @ApiProperty() orderId: string;
  @ApiProperty() socialWorkerId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Version of the matching case after the decline' }) version: number;
}

@ApiTags('claims')
@Controller('orders')
export class DeclineOfferHttpController {
  constructor(private readonly declineOffer: DeclineOfferHandler) {}

  @Post(':orderId/decline')
  @HttpCode(200)
  @Idempotent()
  @Roles('social_worker')
  @ApiOperation({ summary: 'Decline the offer of an order made to you; when everyone offered declines, the order goes to the next candidates' })
  @ApiOkResponse({ type: DeclineResponse })
  decline(@Param() { orderId }: OrderIdParams, @Body() body: DeclineOfferRequest, @CurrentPrincipal() principal: Principal): Promise<DeclineResponse> {
    return this.declineOffer.execute(principal, orderId, body);
  }
}
