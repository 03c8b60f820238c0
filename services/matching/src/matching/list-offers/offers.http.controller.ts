import { CurrentPrincipal, decodeCursor, encodeCursor, Page, PageQuery, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { openOfferFor } from '../domain/matching-case.state';
import { MatchingCaseRepository } from '../matching-case.repository';
import { WorkerOfferEntry } from '../worker-offers.model';
import { WorkerOffersRepository } from '../worker-offers.repository';

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
    private readonly offers: WorkerOffersRepository,
    private readonly cases: MatchingCaseRepository,
  ) {}

  @Get()
  @Roles('social_worker')
  @ApiOperation({ summary: 'Your open offers, the soonest to expire first' })
  @ApiOkResponse({ type: OfferPage })
  async list(@Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<OfferSummary>> {
    const open = (await this.stillOpen(await this.offers.entriesOf(principal.sub), principal.sub))
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
   * An entry is shown only while it is the truth: not past its expiry, and written from the
   * case's latest version — one `_id` probe for the version after it finds nothing. An entry
   * behind its case (a moment of lag, or a stale write) is decided on the case itself, and
   * corrected or removed on the way.
   */
  private async stillOpen(entries: WorkerOfferEntry[], socialWorkerId: string): Promise<WorkerOfferEntry[]> {
    const now = new Date();
    const checked = await Promise.all(
      entries
        .filter((entry) => entry.expiresAt.getTime() > now.getTime())
        .map(async (entry) => {
          // Version 0: copied from an earlier version of matching, never confirmed against its case.
          if (entry.caseVersion > 0 && !(await this.cases.hasVersion(entry.orderId, entry.caseVersion + 1))) return entry;
          const { state, version } = await this.cases.load(entry.orderId);
          const offer = openOfferFor(state, socialWorkerId, now);
          if (!offer || !state.stationId) {
            await this.offers.remove(socialWorkerId, entry.orderId);
            return null;
          }
          const current = { ...entry, stationId: state.stationId, round: offer.round, offeredAt: new Date(offer.offeredAt), expiresAt: new Date(offer.expiresAt), caseVersion: version };
          await this.offers.put(socialWorkerId, current);
          return current;
        }),
    );
    return checked.filter((entry): entry is WorkerOfferEntry => entry !== null);
  }
}
