import { isDuplicateKeyError } from '@lantern/event-store';
import { Connection, Model } from 'mongoose';
import { DeadlineFiring, deadlineFiringModel } from './deadline-firing.model';
import { Deadline, deadlineModel } from './deadline.model';

export interface ScheduleDeadline {
  id: string;
  kind: string;
  aggregateId: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/** Pending deadlines of one service. */
export class Deadlines {
  private readonly model: Model<Deadline>;
  private readonly firings: Model<DeadlineFiring>;

  constructor(connection: Connection) {
    this.model = deadlineModel(connection);
    this.firings = deadlineFiringModel(connection);
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
    await this.firings.createIndexes();
  }

  /** Idempotent: scheduling the same id again keeps the first due time. */
  async schedule({ id, kind, aggregateId, dueAt, payload = {} }: ScheduleDeadline): Promise<void> {
    try {
      await this.model.updateOne({ _id: id }, { $setOnInsert: { kind, aggregateId, dueAt, payload, createdAt: new Date() } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // a racing scheduler set it first
    }
  }

  async cancel(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
    await this.firings.deleteMany({ deadlineId: id });
  }

  find(id: string): Promise<Deadline | null> {
    return this.model.findById(id).lean<Deadline>();
  }

  due(now: Date, limit: number): Promise<Deadline[]> {
    return this.model.find({ dueAt: { $lte: now } }).sort({ dueAt: 1 }).limit(limit).lean<Deadline[]>();
  }

  /**
   * Claims the right to fire a due deadline: the id of the claim, or null while another
   * replica's claim is younger than `leaseMs` (it is firing it, or has just done so).
   */
  async claim(id: string, now: Date, leaseMs: number): Promise<string | null> {
    for (let round = 0; ; ) {
      const firingId = `${id}#${round}`;
      try {
        await this.firings.create({ _id: firingId, deadlineId: id, claimedAt: now });
        // Read after the claim: a replica that fired it meanwhile deleted the deadline before
        // its claims, so a claim taken after theirs were cleared finds the deadline gone.
        if (await this.model.exists({ _id: id })) return firingId;
        await this.release(firingId);
        return null;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const held = await this.firings.findById(firingId).lean<DeadlineFiring>();
      if (!held) continue; // its holder failed and gave it back: try this round again
      if (now.getTime() - held.claimedAt.getTime() < leaseMs) return null;
      round += 1; // that holder's lease ran out: the next round is free to take
    }
  }

  /** Gives a claim back after a failed handler, so the next poll (of any replica) retries at once. */
  async release(firingId: string): Promise<void> {
    await this.firings.deleteOne({ _id: firingId });
  }

  /** The deadline first, then its claims: see `claim`. */
  async done(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
    await this.firings.deleteMany({ deadlineId: id });
  }
}
