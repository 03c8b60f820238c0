import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { Fulfiller, fulfillerModel } from './fulfiller.model';

@Injectable()
export class FulfillersRepository {
  private readonly model: Model<Fulfiller>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = fulfillerModel(connection);
  }

  findById(id: string): Promise<Fulfiller | null> {
    return this.model.findById(id).lean<Fulfiller>();
  }

  /** PUT semantics: the whole entry is replaced; of two concurrent edits the last one stands. */
  async put(fulfiller: Fulfiller): Promise<void> {
    const { _id, ...fields } = fulfiller;
    await this.model.replaceOne({ _id }, fields, { upsert: true }).catch(async (error: unknown) => {
      // Two first PUTs of one id both try to insert it; the loser replaces what the winner inserted.
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id }, fields);
    });
  }

  /** The whole directory, sorted by id: a town's committees, partners and teams — read in full. */
  async list(): Promise<Fulfiller[]> {
    return (await this.model.find().lean<Fulfiller[]>()).sort((a, b) => a._id.localeCompare(b._id));
  }

  async seed(fulfillers: Fulfiller[]): Promise<void> {
    await this.model.bulkWrite(
      fulfillers.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } })),
      { ordered: false },
    );
  }
}
