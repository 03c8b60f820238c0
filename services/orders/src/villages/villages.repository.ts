import { retryUpsertRace } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { Village, villageModel } from './village.model';
import { VILLAGES_SEED } from './villages.seed';

/** The villages and their populations: five documents, read when a report or the list asks. */
@Injectable()
export class VillagesRepository {
  private readonly model: Model<Village>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = villageModel(connection);
  }

  findById(id: string): Promise<Village | null> {
    return this.model.findById(id).lean<Village>() as Promise<Village | null>;
  }

  list(): Promise<Village[]> {
    return this.model.find().sort({ _id: 1 }).lean<Village[]>();
  }

  /** Sets the population of a village; null when there is no such village. */
  setPopulation(id: string, population: number, by: string): Promise<Village | null> {
    return this.model
      .findByIdAndUpdate(id, { $set: { population, populationUpdatedBy: by, populationUpdatedAt: new Date() } }, { new: true })
      .lean<Village>() as Promise<Village | null>;
  }

  /** Seeds the demo villages; a population an admin has set is kept. */
  async seed(): Promise<void> {
    // Replicas starting together seed at once: FerretDB's upsert race is run again (retryUpsertRace).
    await retryUpsertRace(() =>
      this.model.bulkWrite(
        VILLAGES_SEED.map(({ _id, ...village }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: { ...village, populationUpdatedBy: null, populationUpdatedAt: null } }, upsert: true } })),
        { ordered: false },
      ),
    );
  }
}
