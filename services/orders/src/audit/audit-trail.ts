import { PositionLog } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection } from 'mongoose';
import { auditLogModel, AuditLogPosition } from './audit-log.model';
import { AuditEntry, logsOf, orderLog } from './domain/audit-entry';

const PLACEMENTS = new Set(['order.placed', 'order.placed-confidential']);

/**
 * The audit trail's storage: append-only logs read and written by `_id` alone (FerretDB 1.24
 * indexes nothing else). An entry is listed in its order's log and in the day's logs of its
 * actor, its station and the centre (logsOf); recording it again lists it nowhere twice.
 *
 * Database commands per entry recorded: one insert (its claim and one position per log,
 * PositionLog.record), plus one lookup for each of its logs this replica has not seen yet (an
 * order's first entry here unless it is its placement, a person's first of the day…). No head is written: a query finds a
 * log's end by probing past what this replica saw.
 */
@Injectable()
export class AuditTrail {
  private readonly logs: PositionLog<AuditLogPosition>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.logs = new PositionLog(auditLogModel(connection));
  }

  async record(entry: AuditEntry): Promise<void> {
    // An order's log begins with its placement: nothing to look up (were something there, a read
    // of its details recorded first, the insert would step over it).
    if (entry.orderId && PLACEMENTS.has(entry.action)) this.logs.assumeNew(orderLog(entry.orderId));
    await this.logs.record(entry.id, logsOf(entry), { entry });
  }

  /** The length of a log (0 when it holds nothing). */
  end(log: string): Promise<number> {
    return this.logs.end(log);
  }

  /** The entries at these positions of a log, in the order asked; missing positions are left out. */
  async at(log: string, positions: number[]): Promise<AuditEntry[]> {
    return (await this.logs.at(log, positions)).flatMap((position) => (position ? [position.entry] : []));
  }
}
