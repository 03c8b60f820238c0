import { APP_CONFIG } from '@lantern/config';
import { BoundedMap, insertOnce } from '@lantern/event-store';
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
 * Addresses are stored only as SHA-256 hashes, for about two minutes; the clear number is in
 * the same database's `recipients` anyway, so the hash reveals nothing new.
 *
 * Clearing finished minutes costs no scan on the way: a replica deletes the slots it took, by
 * `_id`, at its first send after their minute is over. Once, at its first send, it also sweeps
 * whatever finished minutes are left (slots of a replica that died before clearing its own).
 */
@Injectable()
export class RateLimiter implements OnModuleInit {
  private readonly slots: Model<RateLimitSlot>;
  private readonly perMinute: number;
  private swept = false;
  /** The slots this replica took and has not deleted yet, oldest first. */
  private readonly taken: { id: string; expiresAt: number }[] = [];
  /** Per address and minute, the first slot not known to be taken: a busy number does not retry slot 0 each time. */
  private readonly nextSlot = new BoundedMap<string, number>(10_000);

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
    const expiresAt = (minute + 2) * MINUTE_MS;
    this.clearFinishedMinutes(now);
    const minuteKey = `${addressHash}:${minute}`;
    for (let slot = this.nextSlot.get(minuteKey) ?? 0; slot < this.perMinute; slot += 1) {
      const id = `${minuteKey}:${slot}`;
      if (await insertOnce(this.slots.collection, { _id: id, expiresAt: new Date(expiresAt) })) {
        this.nextSlot.set(minuteKey, slot + 1);
        this.taken.push({ id, expiresAt });
        return true;
      }
    }
    this.nextSlot.set(minuteKey, this.perMinute);
    return false;
  }

  /** In the background: a failed delete only leaves a small document behind. */
  private clearFinishedMinutes(now: number): void {
    if (!this.swept) {
      this.swept = true;
      this.slots.deleteMany({ expiresAt: { $lte: new Date(now) } }).catch(() => undefined);
    }
    while (this.taken.length > 0 && this.taken[0].expiresAt <= now) {
      const { id } = this.taken.shift()!;
      this.slots.deleteOne({ _id: id }).catch(() => undefined);
    }
  }
}
