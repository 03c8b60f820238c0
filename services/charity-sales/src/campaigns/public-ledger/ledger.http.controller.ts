import { decodeCursor, encodeCursor, Page, PageQuery, Public } from '@lantern/http';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CampaignRepository } from '../campaign.repository';
import { LedgerEntryResponse } from '../ledger-entry.response.dto';

class LedgerPage {
  @ApiProperty({ type: [LedgerEntryResponse] }) items: LedgerEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('transparency')
@Controller('campaigns')
export class LedgerHttpController {
  constructor(private readonly campaigns: CampaignRepository) {}

  @Get(':id/ledger')
  @Public()
  @ApiOperation({ summary: 'Public ledger, oldest first: every sale, refund, disbursement and correction with the running balance' })
  @ApiOkResponse({ type: LedgerPage })
  async ledger(@Param('id') id: string, @Query() query: PageQuery): Promise<Page<LedgerEntryResponse>> {
    const { state } = await this.campaigns.loadExisting(id);
    const after = decodeCursor<{ seq: number }>(query.cursor, ['seq'])?.seq ?? 0;
    const limit = query.limit ?? 100;
    const rows = state.ledger.filter((entry) => entry.seq > after).slice(0, limit + 1);
    const items = rows.slice(0, limit).map(LedgerEntryResponse.from);
    return { items, nextCursor: rows.length > limit ? encodeCursor({ seq: items[items.length - 1].seq }) : null };
  }
}
