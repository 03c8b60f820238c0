import { Public } from '@lantern/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignRepository } from '../campaign.repository';
import { CampaignReport } from '../public-report.response.dto';

@ApiTags('transparency')
@Controller('campaigns')
export class ReportHttpController {
  constructor(private readonly campaigns: CampaignRepository) {}

  // Folded from the campaign stream on read: always exact, and an `_id` probe per 8 events.
  @Get(':id/report')
  @Public()
  @ApiOperation({ summary: 'Public report: raised, refunded, disbursed, balance, items sold, and the visits each disbursement funded' })
  @ApiOkResponse({ type: CampaignReport })
  async report(@Param('id') id: string): Promise<CampaignReport> {
    const { state, version } = await this.campaigns.loadExisting(id);
    return CampaignReport.from(state, version);
  }
}
