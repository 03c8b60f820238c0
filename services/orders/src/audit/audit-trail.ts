import { PositionLog } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection } from 'mongoose';
import { shanghaiDay } from '../reports/domain/shanghai-calendar';
import { auditLogModel, AuditLogPosition } from './audit-log.model';
import { AuditEntry, dayOfLog, logsOf, orderLog, personLog } from './domain/audit-entry';

const PLACEMENTS = new Set(['order.placed', 'order.placed-confidential']);

/**
 * The audit trail's storage: append-only logs read and written by `_id` alone (FerretDB 1.24
 * indexes nothing else), one collection per Asia/Shanghai day (`audit_log_{yyyymmdd}`) dropped
 * whole by the RetentionSweeper once a year has passed (AUDIT_RETENTION). An entry is listed in
 * the day's logs of its order, its actor, its station and the centre (logsOf), all in the bucket
 * of its day; recording it again lists it nowhere twice.
 *
 * Database commands per entry recorded: one insert (its claim and one position per log,
 * PositionLog.record), plus one lookup for each of its logs this replica has not seen yet (an
 * order's first entry of the day here unless it is its placement, a person's first of the day
 * unless it is a resident placing an order…).
 * No head is written: a query finds a log's end by probing past what this replica saw.
 */
@Injectable()
export class AuditTrail {
  /** One position log per day bucket, made when first used. */
  private readonly days = new Map<string, PositionLog<AuditLogPosition>>();

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  async record(entry: AuditEntry): Promise<void> {
    const day = shanghaiDay(entry.at);
    const logs = this.logsOn(day);
    // An order's log begins with its placement: nothing to look up (were something there, a read
    // of its details recorded first, the insert would step over it). So, as a rule, does the day's
    // log of a resident placing an order (a confidential order's pseudonym is the order's own):
    // should they have done something else that day, the insert steps over it, two commands a
    // position instead of the lookup.
    if (entry.orderId && PLACEMENTS.has(entry.action)) {
      logs.assumeNew(orderLog(entry.orderId, day));
      if (entry.actorId && entry.details.placedBy === 'resident') logs.assumeNew(personLog(entry.actorId, day));
    }
    await logs.record(entry.id, logsOf(entry), { entry });
  }

  /** The length of a log (0 when it holds nothing, its day expired included). */
  end(log: string): Promise<number> {
    return this.logsOn(dayOfLog(log)).end(log);
  }

  /** The entries at these positions of a log, in the order asked; missing positions are left out. */
  async at(log: string, positions: number[]): Promise<AuditEntry[]> {
    return (await this.logsOn(dayOfLog(log)).at(log, positions)).flatMap((position) => (position ? [position.entry] : []));
  }

  private logsOn(day: string): PositionLog<AuditLogPosition> {
    let logs = this.days.get(day);
    if (!logs) {
      logs = new PositionLog(auditLogModel(this.connection, day));
      this.days.set(day, logs);
    }
    return logs;
  }
}
