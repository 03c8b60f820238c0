import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { SocialWorker, socialWorkerModel } from './social-worker.model';

@Injectable()
export class SocialWorkersRepository implements OnModuleInit {
  private readonly model: Model<SocialWorker>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = socialWorkerModel(connection);
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  findById(id: string): Promise<SocialWorker | null> {
    return this.model.findById(id).lean<SocialWorker>();
  }

  /** PUT semantics: the whole entry is replaced; of two concurrent edits the last one stands. */
  async put(worker: SocialWorker): Promise<void> {
    const { _id, ...fields } = worker;
    await this.model.replaceOne({ _id }, fields, { upsert: true }).catch(async (error: unknown) => {
      // Two first PUTs of one id both try to insert it; the loser replaces what the winner inserted.
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id }, fields);
    });
  }

  /** Everyone who covers a station (the candidate pool of its orders). */
  forStation(stationId: string): Promise<SocialWorker[]> {
    return this.model.find({ stations: stationId }).lean<SocialWorker[]>();
  }

  /** The whole roster, sorted by id: small by nature, read in full. */
  async list(): Promise<SocialWorker[]> {
    return (await this.model.find().lean<SocialWorker[]>()).sort((a, b) => a._id.localeCompare(b._id));
  }

  /** Inserts demo entries; entries that exist (perhaps edited since) are left alone. */
  async seed(workers: SocialWorker[]): Promise<void> {
    await this.model.bulkWrite(
      workers.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } })),
      { ordered: false },
    );
  }
}
