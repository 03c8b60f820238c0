import { isDuplicateKeyError, PositionLog } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { AuditClaim, auditClaimModel, auditLogHeadModel, auditLogModel, AuditLogPosition } from './audit-log.model';
import { AuditEntry, logsOf } from './domain/audit-entry';

/**
 * The audit trail's storage: append-only logs read and written by `_id` alone (FerretDB 1.24
 * indexes nothing else). An entry is listed in its order's log and in the day's logs of its
 * actor, its station and the centre (logsOf); recording it again lists it nowhere twice.
 *
 * Database commands per entry recorded: the claim record (1), one insert per log (3–4), a head
 * hint every fourth position of a log (~1), and the head of a log this replica has not written
 * yet (an order's first entry here, a person's first of the day…).
 */
@Injectable()
export class AuditTrail {
  private readonly claims: Model<AuditClaim>;
  private readonly logs: PositionLog<AuditLogPosition>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.claims = auditClaimModel(connection);
    this.logs = new PositionLog(auditLogModel(connection), auditLogHeadModel(connection));
  }

  async record(entry: AuditEntry): Promise<void> {
    const claims = await this.claimsFor(entry);
    await Promise.all(claims.map(({ log, from }) => this.logs.append(log, entry.id, from, { entry })));
  }

  /** The length of a log (0 when it holds nothing). */
  end(log: string): Promise<number> {
    return this.logs.end(log);
  }

  /** The entries at these positions of a log, in the order asked; missing positions are left out. */
  async at(log: string, positions: number[]): Promise<AuditEntry[]> {
    return (await this.logs.at(log, positions)).flatMap((position) => (position ? [position.entry] : []));
  }

  /** Where to look for the entry in each log: recorded first, or as an earlier recording left it. */
  private async claimsFor(entry: AuditEntry): Promise<AuditClaim['claims']> {
    const claims = await Promise.all(logsOf(entry).map(async (log) => ({ log, from: await this.logs.frontier(log) })));
    try {
      await this.claims.collection.insertOne({ _id: entry.id, claims } as never);
      return claims;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const earlier = await this.claims.findById(entry.id).lean<AuditClaim>();
    return earlier!.claims;
  }
}
