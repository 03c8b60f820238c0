import { APP_CONFIG } from '@lantern/config';
import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { NotificationsConfig } from '../notifications.config';
import { RateLimitSlot, rateLimitSlotModel } from './rate-limit-slot.model';

const MINUTE_MS = 60_000;

/**
 * At most `PROVIDER_RATE_LIMIT_PER_MINUTE` messages per address and channel in each clock
 * minute, counted across every replica: a send claims one of the minute's numbered slots by
 * inserting it (see `RateLimitSlot`), so two replicas can never both take the last one — no
 * counter update, which FerretDB could not make atomic.
 *
 * Addresses are stored only as SHA-256 hashes, for at most two minutes; the clear number is in
 * the same database's `recipients` anyway, so the hash reveals nothing new.
 */
@Injectable()
export class RateLimiter implements OnModuleInit {
  private readonly slots: Model<RateLimitSlot>;
  private readonly perMinute: number;
  private lastSweep = 0;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: Pick<NotificationsConfig, 'PROVIDER_RATE_LIMIT_PER_MINUTE'>) {
    this.slots = rateLimitSlotModel(connection);
    this.perMinute = config.PROVIDER_RATE_LIMIT_PER_MINUTE;
  }

  async onModuleInit(): Promise<void> {
    await this.slots.createIndexes();
  }

  async tryTake(channel: string, address: string, now = Date.now()): Promise<boolean> {
    const addressHash = createHash('sha256').update(`${channel}\n${address}`).digest('base64url');
    const minute = Math.floor(now / MINUTE_MS);
    const expiresAt = new Date((minute + 2) * MINUTE_MS);
    this.sweepFinishedMinutes(now);
    for (let slot = 0; slot < this.perMinute; slot += 1) {
      try {
        await this.slots.create({ _id: `${addressHash}:${minute}:${slot}`, expiresAt });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return false;
  }

  /** At most once a minute per replica, in the background: a failed sweep only leaves small documents behind. */
  private sweepFinishedMinutes(now: number): void {
    if (now - this.lastSweep < MINUTE_MS) return;
    this.lastSweep = now;
    this.slots.deleteMany({ expiresAt: { $lte: new Date(now) } }).catch(() => undefined);
  }
}
