import { CurrentPrincipal, Idempotent, IdempotentRequest, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerEntryResponse } from '../ledger-entry.response.dto';
import { RecordCorrectionHandler } from './record-correction.handler';
import { RecordCorrectionRequest } from './record-correction.request.dto';
import { MANAGING_ROLES } from '../domain/campaign-ownership';

@ApiTags('ledger')
@Controller('campaigns')
export class RecordCorrectionHttpController {
  constructor(private readonly recordCorrection: RecordCorrectionHandler) {}

  @Post(':id/corrections')
  @HttpCode(201)
  @Idempotent()
  @Roles(...MANAGING_ROLES)
  @ApiOperation({ summary: 'Correct the ledger with a new signed entry and a public explanation (its managers or an admin)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe: same key and body correct once' })
  @ApiCreatedResponse({ type: LedgerEntryResponse })
  @ApiConflictResponse({ description: 'The correction would take the balance below zero' })
  async correct(
    @Param('id') id: string,
    @Body() body: RecordCorrectionRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: IdempotentRequest,
  ): Promise<LedgerEntryResponse> {
    return LedgerEntryResponse.from(await this.recordCorrection.execute(principal, id, body, request.idempotencySeed));
  }
}
