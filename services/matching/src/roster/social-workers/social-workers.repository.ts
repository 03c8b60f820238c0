import { APP_CONFIG } from '@lantern/config';
import { retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MatchingConfig } from '../../matching.config';
import { ReferenceDataSnapshot } from '../reference-data-snapshot';
import { SocialWorker, socialWorkerModel } from './social-worker.model';

/**
 * The roster: reference data, read on every match and changed a few times a day, so it is served
 * from memory (see ReferenceDataSnapshot: this replica's own changes at once, other replicas'
 * within MATCHING_ROSTER_TTL_SECONDS). Only a change reads the database directly.
 */
@Injectable()
export class SocialWorkersRepository {
  private readonly model: Model<SocialWorker>;
  private readonly snapshot: ReferenceDataSnapshot<SocialWorker>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: MatchingConfig) {
    this.model = socialWorkerModel(connection);
    this.snapshot = new ReferenceDataSnapshot(() => this.model.find().lean<SocialWorker[]>(), config.MATCHING_ROSTER_TTL_SECONDS * 1000);
  }

  /**
   * From the database, not the snapshot: who may change an entry depends on the stations it
   * covers now, and another replica may have changed them a moment ago.
   */
  findById(id: string): Promise<SocialWorker | null> {
    return this.model.findById(id).lean<SocialWorker>();
  }

  /** PUT semantics: the whole entry is replaced; of two concurrent edits the last one stands. */
  async put(worker: SocialWorker): Promise<void> {
    const { _id, ...fields } = worker;
    try {
      // Two first PUTs of one id both try to insert it; the loser replaces what the winner inserted.
      await retryUpsertRace(() => this.model.replaceOne({ _id }, fields, { upsert: true }));
    } finally {
      this.snapshot.invalidate(); // even a failed write may have landed
    }
  }

  /** Everyone who covers a station (the candidate pool of its orders): no database command. */
  async forStation(stationId: string): Promise<SocialWorker[]> {
    return (await this.snapshot.all()).filter((worker) => worker.stations.includes(stationId));
  }

  /** The whole roster, sorted by id. */
  async list(): Promise<readonly SocialWorker[]> {
    return this.snapshot.all();
  }

  /** Inserts demo entries; entries that exist (perhaps edited since) are left alone. */
  async seed(workers: SocialWorker[]): Promise<void> {
    try {
      // Replicas starting together seed the same new ids: the loser finds them there and keeps them.
      await retryUpsertRace(() =>
        this.model.bulkWrite(
          workers.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } })),
          { ordered: false },
        ),
      );
    } finally {
      this.snapshot.invalidate();
    }
  }
}
