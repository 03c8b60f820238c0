import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { Station, stationModel } from './station.model';
import { STATIONS_SEED } from './stations.seed';

@Injectable()
export class StationsRepository {
  private readonly model: Model<Station>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = stationModel(connection);
  }

  findById(id: string): Promise<Station | null> {
    return this.model.findById(id).lean<Station>();
  }

  async list(): Promise<Station[]> {
    return (await this.model.find().lean<Station[]>()).sort((a, b) => a._id.localeCompare(b._id));
  }

  async seed(): Promise<void> {
    await this.model.bulkWrite(
      STATIONS_SEED.map(({ _id, ...station }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: station }, upsert: true } })),
      { ordered: false },
    );
  }
}
