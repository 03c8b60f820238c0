import { MONGO_CONNECTION, Principal } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { StreamTicket, streamTicketModel } from './stream-ticket.model';

const ticketId = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

@Injectable()
export class StreamTicketsRepository implements OnModuleInit {
  private readonly model: Model<StreamTicket>;
  private lastSweep = 0;

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
    await this.model.collection.insertOne({ _id: ticketId(ticket), principal: { sub, roles, stations, ...(name ? { name } : {}) }, createdAt: now, expiresAt } as never);
    this.sweepExpired(now, ttlMs);
    return { ticket, expiresAt };
  }

  /**
   * The principal a ticket was issued to, or null when it is unknown, expired or already used.
   * The delete arbitrates: of requests racing with one ticket, exactly one deletes it (a delete
   * by `_id` is atomic on MongoDB and FerretDB alike, unlike a conditional update).
   */
  async redeem(ticket: string, now = new Date()): Promise<Principal | null> {
    const id = ticketId(ticket);
    const stored = await this.model.findById(id).lean<StreamTicket>();
    if (!stored) return null;
    const { deletedCount } = await this.model.deleteOne({ _id: id });
    if (deletedCount !== 1) return null;
    return stored.expiresAt > now ? stored.principal : null;
  }

  /** Tickets nobody redeemed, at most once per TTL per replica; a failed sweep waits for the next. */
  private sweepExpired(now: Date, ttlMs: number): void {
    if (now.getTime() - this.lastSweep < ttlMs) return;
    this.lastSweep = now.getTime();
    this.model.deleteMany({ expiresAt: { $lt: now } }).catch(() => undefined);
  }
}
