import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import {
  ActiveAssignment,
  activeAssignmentModel,
  ResidentContinuity,
  residentContinuityModel,
  WorkerStats,
  workerStatsModel,
} from './workload.models';

/**
 * The workload read model behind capacity, continuity and fairness. Every write is keyed by `_id`
 * and idempotent; none of them arbitrates anything (the claim itself is decided by the stream).
 */
@Injectable()
export class WorkloadRepository implements OnModuleInit {
  private readonly assignments: Model<ActiveAssignment>;
  private readonly stats: Model<WorkerStats>;
  private readonly continuity: Model<ResidentContinuity>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.assignments = activeAssignmentModel(connection);
    this.stats = workerStatsModel(connection);
    this.continuity = residentContinuityModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.assignments.createIndexes();
  }

  /** Records a won claim; replaying it changes nothing. */
  async recordClaim(orderId: string, socialWorkerId: string, residentId: string, claimedAt: Date): Promise<void> {
    try {
      await this.assignments.collection.insertOne({ _id: orderId, socialWorkerId, claimedAt } as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return; // already recorded, with its stats
    }
    await Promise.all([
      this.stats.updateOne({ _id: socialWorkerId }, { $set: { lastClaimedAt: claimedAt } }, { upsert: true }),
      this.continuity.updateOne({ _id: residentId }, { $set: { socialWorkerId, servedAt: claimedAt } }, { upsert: true }),
    ]);
  }

  /** The order is done with (completed, or cancelled): it no longer counts against anyone's capacity. */
  async release(orderId: string): Promise<void> {
    await this.assignments.deleteOne({ _id: orderId });
  }

  async loadsOf(socialWorkerIds: string[]): Promise<Map<string, number>> {
    const rows = await this.assignments.find({ socialWorkerId: { $in: socialWorkerIds } }).lean<ActiveAssignment[]>();
    const loads = new Map<string, number>();
    for (const row of rows) loads.set(row.socialWorkerId, (loads.get(row.socialWorkerId) ?? 0) + 1);
    return loads;
  }

  async lastClaimsOf(socialWorkerIds: string[]): Promise<Map<string, Date>> {
    const rows = await Promise.all(socialWorkerIds.map((id) => this.stats.findById(id).lean<WorkerStats>()));
    return new Map(rows.flatMap((row) => (row ? [[row._id, row.lastClaimedAt] as const] : [])));
  }

  async lastWorkerFor(residentId: string): Promise<string | null> {
    return (await this.continuity.findById(residentId).lean<ResidentContinuity>())?.socialWorkerId ?? null;
  }
}
