import { CurrentPrincipal, Idempotent, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderIdParams } from '../order-id.params';
import { ClaimOrderHandler } from './claim-order.handler';
import { ClaimResponse } from './claim-result.response.dto';

@ApiTags('claims')
@Controller('orders')
export class ClaimsHttpController {
  constructor(private readonly claimOrder: ClaimOrderHandler) {}

  @Post(':orderId/claim')
  @HttpCode(200)
  @Idempotent()
  @Roles('social_worker', 'supervisor', 'committee')
  @ApiOperation({ summary: 'Claim an order offered to you; take an escalated one (supervisors of its station; once it reached the committee, members of its village committee too). The first valid claim wins.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: ClaimResponse, description: 'You won the claim (or had already won it)' })
  @ApiConflictResponse({ description: 'Someone else won, the order was cancelled, or your offer is no longer open' })
  claim(@Param() { orderId }: OrderIdParams, @CurrentPrincipal() principal: Principal): Promise<ClaimResponse> {
    return this.claimOrder.execute(principal, orderId);
  }
}
