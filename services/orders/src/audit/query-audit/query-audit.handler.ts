import { badRequest, decodeCursor, encodeCursor, forbidden, notFound, Page } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { OrderRepository } from '../../orders/order.repository';
import { AuditTrail } from '../audit-trail';
import { mayQueryAudit, visibleTo } from '../domain/audit-access.policy';
import { AuditEntry } from '../domain/audit-entry';
import { AuditQuery } from './audit.query.dto';
import { auditWindow, AuditWindow, orderLogs } from './audit-window';

/** Where the next page starts: a log of the query and the position to read down from (null: its end). */
type Cursor = { log: string; n: number | null };

function cursorOf(value: string, window: AuditWindow): Cursor {
  const cursor = decodeCursor<Cursor>(value, ['log', 'n']);
  if (cursor && window.logs.includes(cursor.log) && (cursor.n === null || (Number.isInteger(cursor.n) && cursor.n >= 0))) return cursor;
  throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor of this query' }]);
}

/**
 * Answers an audit query from its logs, latest recorded first, reading positions by `_id` a page
 * at a time (never a scan): entries outside the time window or the principal's stations are read
 * and passed over.
 */
@Injectable()
export class QueryAuditHandler {
  constructor(
    private readonly trail: AuditTrail,
    private readonly orders: OrderRepository,
  ) {}

  async execute(query: AuditQuery, principal: Principal): Promise<Page<AuditEntry>> {
    let window = auditWindow(query);
    const placedAt = await this.authorize(window, principal);
    if (window.subject.kind === 'order') window = { ...window, logs: orderLogs(window.subject.orderId, placedAt, window) };
    const limit = query.limit ?? 20;
    const visible = visibleTo(principal);
    const items: AuditEntry[] = [];
    let cursor: Cursor | null = query.cursor ? cursorOf(query.cursor, window) : window.logs.length > 0 ? { log: window.logs[0], n: null } : null;
    while (cursor && items.length < limit) {
      const log: string = cursor.log;
      const top: number = cursor.n ?? (await this.trail.end(log));
      const positions = Array.from({ length: Math.min(limit - items.length, top) }, (_, i) => top - i);
      const read = await this.trail.at(log, positions);
      items.push(...read.filter((entry) => visible(entry) && Date.parse(entry.at) >= window.from && Date.parse(entry.at) <= window.to));
      const lowest: number = top - positions.length;
      const next = window.logs[window.logs.indexOf(log) + 1];
      cursor = lowest > 0 ? { log, n: lowest } : next ? { log: next, n: null } : null;
    }
    return { items, nextCursor: cursor ? encodeCursor(cursor) : null };
  }

  /** For an order: when it was placed (null when it is not here), which says the days its trail spans. */
  private async authorize(window: AuditWindow, principal: Principal): Promise<string | null> {
    if (window.subject.kind !== 'order') {
      if (!mayQueryAudit(principal, window.subject)) throw forbidden('Supervisors query their stations, their orders or a person; the whole centre is for admins');
      return null;
    }
    const { state } = await this.orders.load(window.subject.orderId);
    if (principal.roles.includes('admin')) return state.exists ? state.placedAt : null;
    // A supervisor asks for an order of their stations; any other order answers like a missing one.
    if (!state.exists || !mayQueryAudit(principal, window.subject, state.stationId)) throw notFound(`Order ${window.subject.orderId}`);
    return state.placedAt;
  }
}
