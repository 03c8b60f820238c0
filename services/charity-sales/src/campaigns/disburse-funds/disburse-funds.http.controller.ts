import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DisburseFundsHandler } from './disburse-funds.handler';
import { DisburseFundsRequest } from './disburse-funds.request.dto';
import { DisbursementResponse } from './disbursement.response.dto';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('disbursements')
@Controller('campaigns')
export class DisburseFundsHttpController {
  constructor(private readonly disburseFunds: DisburseFundsHandler) {}

  @Post(':id/disbursements')
  @HttpCode(201)
  @Idempotent()
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Allocate proceeds to visits to households in need; each visit becomes a funded order (its managers or an admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body disburse once' })
  @ApiCreatedResponse({ type: DisbursementResponse })
  @ApiConflictResponse({ description: 'More than the balance (with `balanceCents`)' })
  async disburse(
    @Param('id') id: string,
    @Body() body: DisburseFundsRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<DisbursementResponse> {
    const { disbursement, balanceCents } = await this.disburseFunds.execute(principal, id, body, request.idempotencySeed);
    return DisbursementResponse.from(id, disbursement, balanceCents);
  }
}
