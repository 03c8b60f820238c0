import { Connection, Model } from 'mongoose';
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

  constructor(connection: Connection) {
    this.model = deadlineModel(connection);
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Idempotent: scheduling the same id again keeps the first due time. */
  async schedule({ id, kind, aggregateId, dueAt, payload = {} }: ScheduleDeadline): Promise<void> {
    try {
      await this.model.updateOne({ _id: id }, { $setOnInsert: { kind, aggregateId, dueAt, payload, createdAt: new Date() } }, { upsert: true });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error; // a racing scheduler set it first
    }
  }

  async cancel(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  find(id: string): Promise<Deadline | null> {
    return this.model.findById(id).lean<Deadline>();
  }

  due(now: Date, limit: number): Promise<Deadline[]> {
    return this.model.find({ dueAt: { $lte: now } }).sort({ dueAt: 1 }).limit(limit).lean<Deadline[]>();
  }

  async done(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }
}
