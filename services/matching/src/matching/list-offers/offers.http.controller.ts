import { CurrentPrincipal, decodeCursor, encodeCursor, Page, PageQuery, Principal, Roles } from '@lantern/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { openOfferFor } from '../domain/matching-case.state';
import { MatchingCaseRepository } from '../matching-case.repository';
import { OpenOffer } from './open-offer.model';
import { OpenOffersRepository } from './open-offers.repository';

class OfferSummary {
  @ApiProperty() orderId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() round: number;
  @ApiProperty({ format: 'date-time' }) offeredAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

class OfferPage {
  @ApiProperty({ type: [OfferSummary] }) items: OfferSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

type Cursor = { expiresAt: string; orderId: string };

@ApiTags('claims')
@Controller('offers')
export class OffersHttpController {
  constructor(
    private readonly offers: OpenOffersRepository,
    private readonly cases: MatchingCaseRepository,
  ) {}

  @Get()
  @Roles('social_worker')
  @ApiOperation({ summary: 'Your open offers, the soonest to expire first' })
  @ApiOkResponse({ type: OfferPage })
  async list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<OfferSummary>> {
    const open = (await this.stillOpen(await this.offers.listFor(principal.sub), principal.sub))
      .map((offer) => ({ orderId: offer.orderId, stationId: offer.stationId, round: offer.round, offeredAt: offer.offeredAt.toISOString(), expiresAt: offer.expiresAt.toISOString() }))
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.orderId.localeCompare(b.orderId));
    const after = decodeCursor<Cursor>(query.cursor, ['expiresAt', 'orderId']);
    const rest = after ? open.filter((offer) => offer.expiresAt > after.expiresAt || (offer.expiresAt === after.expiresAt && offer.orderId > after.orderId)) : open;
    const limit = query.limit ?? 20;
    const items = rest.slice(0, limit);
    const last = rest.length > limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ expiresAt: last.expiresAt, orderId: last.orderId }) : null };
  }

  /**
   * The read model may trail the streams by a moment (or keep an entry a crash left behind):
   * each entry is checked against its case, and a stale one is removed on the way.
   */
  private async stillOpen(candidates: OpenOffer[], socialWorkerId: string): Promise<OpenOffer[]> {
    const now = new Date();
    const checked = await Promise.all(
      candidates.map(async (offer) => {
        const { state } = await this.cases.load(offer.orderId);
        if (openOfferFor(state, socialWorkerId, now)) return offer;
        await this.offers.remove(offer._id);
        return null;
      }),
    );
    return checked.filter((offer): offer is OpenOffer => offer !== null);
  }
}
