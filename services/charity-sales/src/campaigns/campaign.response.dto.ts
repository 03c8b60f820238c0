import { CAMPAIGN_STATUSES } from '@lantern/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Campaign, ItemState } from './domain/campaign.state';

class PartnerResponse {
  @ApiProperty({ example: '东莞市慈善会' }) name: string;
  @ApiProperty({ example: '53441900MJL0000000A' }) filingNumber: string;
}

class MadeByResponse {
  @ApiProperty({ enum: ['team', 'resident'] }) type: string;
  @ApiProperty() id: string;
}

export class ItemResponse {
  @ApiProperty({ example: 'itm_3f1c…' }) id: string;
  @ApiProperty({ example: '兔子灯 Rabbit lantern' }) name: string;
  @ApiProperty({ example: 3800 }) priceCents: number;
  @ApiProperty({ description: 'Stock put on sale' }) stock: number;
  @ApiProperty({ description: 'What is left to sell' }) remaining: number;
  @ApiProperty({ type: MadeByResponse }) madeBy: MadeByResponse;

  static from(item: ItemState): ItemResponse {
    return { id: item.id, name: item.name, priceCents: item.priceCents, stock: item.stock, remaining: item.remaining, madeBy: item.madeBy };
  }
}

/**
 * A campaign as anyone may see it: what it is for, who holds the money, what is on sale.
 * Not who manages it: manager ids are staff accounts that can move the money, and the public
 * answers to the partner charity and the ledger, not to them (see CampaignManagersResponse).
 */
export class CampaignResponse {
  @ApiProperty({ example: 'cmp_3f1c…' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ example: '灯火万家 2027 Spring Festival' }) title: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: PartnerResponse }) partner: PartnerResponse;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: [ItemResponse] }) items: ItemResponse[];

  static from(state: Campaign, version: number): CampaignResponse {
    return {
      id: state.id,
      version,
      title: state.title,
      purpose: state.purpose,
      partner: state.partner,
      startsOn: state.startsOn,
      endsOn: state.endsOn,
      status: state.status,
      createdAt: state.createdAt,
      openedAt: state.openedAt,
      closedAt: state.closedAt,
      items: Object.values(state.items).map(ItemResponse.from),
    };
  }
}
