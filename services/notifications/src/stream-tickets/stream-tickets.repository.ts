import { MONGO_CONNECTION } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { StreamTicket, streamTicketModel } from './stream-ticket.model';

const ticketId = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/**
 * FerretDB has no TTL index, and a sweep by `expiresAt` is a scan: so the replica that issued a
 * ticket deletes it by `_id` once it has expired unless it saw it redeemed (a ticket redeemed by
 * another replica is already gone: that delete finds nothing). Once, at its first issue, a replica
 * also sweeps whatever expired tickets are left (those of a replica that died holding them).
 */
@Injectable()
export class StreamTicketsRepository implements OnModuleInit {
  private readonly model: Model<StreamTicket>;
  private swept = false;
  /** Tickets this replica issued and has not seen redeemed: id → expiry (ms), oldest first. */
  private readonly unredeemed = new Map<string, number>();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = streamTicketModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** A new ticket (256 random bits) for this principal; only its hash is stored. */
  async issue(principal: Principal, ttlMs: number, now = new Date()): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = `stk_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(now.getTime() + ttlMs);
    const { sub, roles, stations, name } = principal;
    this.clearExpired(now);
    await this.model.collection.insertOne({ _id: ticketId(ticket), principal: { sub, roles, stations, ...(name ? { name } : {}) }, createdAt: now, expiresAt } as never);
    this.unredeemed.set(ticketId(ticket), expiresAt.getTime());
    return { ticket, expiresAt };
  }

  /**
   * The principal a ticket was issued to, or null when it is unknown, expired or already used.
   * The delete arbitrates: of requests racing with one ticket, exactly one deletes it (a delete
   * by `_id` is atomic on MongoDB and FerretDB alike, unlike a conditional update).
   */
  async redeem(ticket: string, now = new Date()): Promise<Principal | null> {
    const id = ticketId(ticket);
    this.unredeemed.delete(id); // redeemed or refused, it is deleted here (or was never ours)
    const stored = await this.model.findById(id).lean<StreamTicket>();
    if (!stored) return null;
    const { deletedCount } = await this.model.deleteOne({ _id: id });
    if (deletedCount !== 1) return null;
    return stored.expiresAt > now ? stored.principal : null;
  }

  /** In the background: a failed delete leaves an expired ticket behind, which nobody can use. */
  private clearExpired(now: Date): void {
    if (!this.swept) {
      this.swept = true;
      this.model.deleteMany({ expiresAt: { $lt: now } }).catch(() => undefined);
    }
    for (const [id, expiresAt] of this.unredeemed) {
      if (expiresAt > now.getTime()) break; // issued in order, with one TTL: the rest expire later
      this.unredeemed.delete(id);
      this.model.deleteOne({ _id: id }).catch(() => undefined);
    }
  }
}
