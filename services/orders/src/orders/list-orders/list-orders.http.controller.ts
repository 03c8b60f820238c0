import {
  ApiProblemResponses,
  CurrentPrincipal,
  forbidden,
  keysetPage,
  MONGO_CONNECTION,
  Page,
} from '@lantern/http';
import { hasAnyRole, Principal, STATION_STAFF_ROLES } from '@lantern/identity';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Connection, FilterQuery, Model } from 'mongoose';
import { ListOrdersQuery } from './list-orders.query.dto';
import { OrderView, orderViewModel } from './order-view.model';

class OrderSummary {
  @ApiProperty() id: string;
  @ApiProperty() status: string;
  @ApiProperty() residentId: string;
  @ApiProperty() stationId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty() urgency: string;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}

class OrderPage {
  @ApiProperty({ type: [OrderSummary] }) items: OrderSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@ApiTags('orders')
@Controller('orders')
export class ListOrdersHttpController {
  private readonly views: Model<OrderView>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.views = orderViewModel(connection);
  }

  @Get()
  @ApiOperation({ summary: 'Orders you may see, newest first: residents their own, staff their stations’' })
  @ApiOkResponse({ type: OrderPage })
  @ApiProblemResponses({ 403: 'mine=true (or no staff or admin role) without the resident role, or a stationId where the caller does not work' })
  async list(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal): Promise<Page<OrderSummary>> {
    const conditions: FilterQuery<OrderView>[] = [this.scopeFor(principal, query)];
    const confidential = this.confidentialFor(principal);
    if (confidential) conditions.push(confidential);
    if (query.status) conditions.push({ status: query.status });
    if (query.serviceCode) conditions.push({ serviceCode: query.serviceCode });
    return keysetPage(this.views, conditions, { by: 'placedAt', direction: 'newest-first' }, query, ({ _id, version: _version, privacy: _privacy, claimedBy: _claimedBy, placedAt, ...rest }) => ({
      id: _id,
      ...rest,
      placedAt: placedAt.toISOString(),
    }));
  }

  /**
   * Of the staff's list, a confidential order only for its parties (order-access.policy): the
   * social worker who claimed it and the supervisors of its station; never for admins. A
   * resident's own list needs no such filter.
   */
  private confidentialFor(principal: Principal): FilterQuery<OrderView> | null {
    if (principal.roles.includes('resident') && !hasAnyRole(principal, STATION_STAFF_ROLES) && !principal.roles.includes('admin')) return null;
    const supervised = principal.roles.includes('supervisor') ? principal.stations : [];
    return {
      $or: [
        { privacy: { $ne: 'confidential' } },
        ...(principal.roles.includes('resident') ? [{ residentId: principal.sub }] : []),
        ...(principal.roles.includes('social_worker') ? [{ claimedBy: principal.sub }] : []),
        ...(supervised.length > 0 ? [{ stationId: { $in: supervised } }] : []),
      ],
    };
  }

  /** Invariant 7 as a query filter: nobody can widen it with parameters. */
  private scopeFor(principal: Principal, query: ListOrdersQuery): FilterQuery<OrderView> {
    const isStaff = hasAnyRole(principal, STATION_STAFF_ROLES);
    const isAdmin = principal.roles.includes('admin');
    if (query.mine === 'true' || (!isStaff && !isAdmin)) {
      if (!principal.roles.includes('resident')) throw forbidden('Only residents have orders of their own');
      return { residentId: principal.sub, ...(query.stationId ? { stationId: query.stationId } : {}) };
    }
    if (isAdmin) return query.stationId ? { stationId: query.stationId } : {};
    if (query.stationId) {
      if (!principal.stations.includes(query.stationId)) throw forbidden(`You do not work at station ${query.stationId}`);
      return { stationId: query.stationId };
    }
    return { stationId: { $in: principal.stations } };
  }
}
