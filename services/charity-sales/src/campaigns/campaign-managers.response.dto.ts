import { ApiProperty } from '@nestjs/swagger';
import { Campaign } from './domain/campaign.state';

/**
 * Who manages a campaign — shown only to its managers, in the answer to a management call.
 * Public views (campaign, list, report, ledger, disclosure) leave manager ids out: donors are
 * accountable to the partner charity and the ledger, and a list of staff accounts holding
 * the power to move money helps nobody outside but whoever wants to phish one of them.
 */
export class CampaignManagersResponse {
  @ApiProperty({ example: 'cmp_3f1c…' }) campaignId: string;
  @ApiProperty({ type: [String], example: ['cm-hongmei', 'cm-xiahui'], description: 'The creator first, then co-managers in the order added' })
  managers: string[];
  @ApiProperty({ description: 'Campaign stream version after this call' }) version: number;

  static from(state: Campaign, version: number): CampaignManagersResponse {
    return { campaignId: state.id, managers: [...state.managers], version };
  }
}
