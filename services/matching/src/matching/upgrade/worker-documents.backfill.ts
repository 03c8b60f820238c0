import { insertOnce, retryUpsertRace, updateInBatches } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Logger } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection } from 'mongoose';
import { fieldKey } from '../field-key';

const MIGRATION_ID = 'worker-documents-v1';

interface LegacyAssignment {
  _id: string;
  socialWorkerId?: string;
  claimedAt?: Date;
  releasedAt?: Date | null;
}

interface LegacyOpenOffer {
  _id: string;
  orderId: string;
  socialWorkerId: string;
  stationId: string;
  round: number;
  offeredAt: Date;
  expiresAt: Date;
}

/**
 * Once per database, at the first start of this version: builds the per-worker documents
 * (`worker_workload`, `worker_offers`) from what earlier versions kept per order and per offer
 * (`active_assignments` without release marks, `worker_stats`, `open_offers`), so capacity,
 * fairness and open-offer lists carry over. Later starts cost one `_id` read of the mark.
 * Copied offers name case version 0, so each is checked on its case before it is shown.
 */
@Injectable()
export class WorkerDocumentsBackfill implements OnModuleInit {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const migrations = this.connection.collection<{ _id: string; doneAt: Date }>('matching_migrations');
    if (await migrations.findOne({ _id: MIGRATION_ID })) return;
    const [assignments, stats, offers] = await Promise.all([
      this.connection.collection<LegacyAssignment>('active_assignments').find({ releasedAt: { $exists: false } }).toArray(),
      this.connection.collection<{ _id: string; lastClaimedAt: Date }>('worker_stats').find().toArray(),
      this.connection.collection<LegacyOpenOffer>('open_offers').find().toArray(),
    ]);
    const workload = [
      ...stats.map((row) => ({ updateOne: { filter: { _id: row._id }, update: { $max: { lastClaimedAt: row.lastClaimedAt } }, upsert: true } })),
      ...assignments
        .filter((row) => row.socialWorkerId && row.claimedAt)
        .map((row) => ({
          updateOne: { filter: { _id: row.socialWorkerId! }, update: { $set: { [`active.${fieldKey(row._id)}`]: { orderId: row._id, claimedAt: row.claimedAt } } }, upsert: true },
        })),
    ];
    const offerLists = offers.map(({ orderId, socialWorkerId, stationId, round, offeredAt, expiresAt }) => ({
      updateOne: { filter: { _id: socialWorkerId }, update: { $set: { [`offers.${fieldKey(orderId)}`]: { orderId, stationId, round, offeredAt, expiresAt, caseVersion: 0 } } }, upsert: true },
    }));
    // Ordered: one worker's updates one after another (an upsert racing its own document would fail).
    // Two replicas starting together both build them: every update here can be applied twice. In
    // commands of 25 (updateInBatches): FerretDB 1.24 never answers one of 100 updates.
    if (workload.length > 0) await retryUpsertRace(() => updateInBatches(this.connection.collection<{ _id: string }>('worker_workload'), workload, { ordered: true }));
    if (offerLists.length > 0) await retryUpsertRace(() => updateInBatches(this.connection.collection<{ _id: string }>('worker_offers'), offerLists, { ordered: true }));
    await insertOnce(migrations, { _id: MIGRATION_ID, doneAt: new Date() }); // false: another replica finished it too
    if (workload.length + offerLists.length > 0) {
      this.logger.info({ workers: workload.length, offers: offerLists.length }, 'per-worker documents built from the per-order ones of an earlier version');
    }
  }
}
