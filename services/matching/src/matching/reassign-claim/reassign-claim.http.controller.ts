import { CurrentPrincipal, Idempotent, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { OrderIdParams } from '../order-id.params';
import { ReassignClaimHandler } from './reassign-claim.handler';
import { ReassignClaimRequest } from './reassign-claim.request.dto';

class ReassignResponse {
  @ApiProperty() orderId: string;
  @ApiProperty({ description: 'Who holds the claim now' }) socialWorkerId: string;
  @ApiProperty({ description: 'Version of the matching case after the reassignment' }) version: number;
}

@ApiTags('claims')
@Controller('orders')
export class ReassignClaimHttpController {
  constructor(private readonly reassignClaim: ReassignClaimHandler) {}

  @Post(':orderId/reassign')
  @HttpCode(200)
  @Idempotent()
  @Roles('social_worker', 'supervisor')
  @ApiOperation({ summary: 'Move the claim to another social worker of the station (the worker who holds it, or a supervisor of the station); orders follows on the event' })
  @ApiOkResponse({ type: ReassignResponse })
  @ApiConflictResponse({ description: 'The order is not claimed, or is done with' })
  @ApiUnprocessableEntityResponse({ description: 'The named worker is not an active social worker of the station' })
  reassign(@Param() { orderId }: OrderIdParams, @Body() body: ReassignClaimRequest, @CurrentPrincipal() principal: Principal): Promise<ReassignResponse> {
    return this.reassignClaim.execute(principal, orderId, body);
  }
}
