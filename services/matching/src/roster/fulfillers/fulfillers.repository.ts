import { APP_CONFIG } from '@lantern/config';
import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MatchingConfig } from '../../matching.config';
import { ReferenceDataSnapshot } from '../reference-data/reference-data-snapshot';
import { Fulfiller, fulfillerModel } from './fulfiller.model';

/** The fulfiller directory: reference data served from memory, like the social-worker roster. */
@Injectable()
export class FulfillersRepository {
  private readonly model: Model<Fulfiller>;
  private readonly snapshot: ReferenceDataSnapshot<Fulfiller>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: MatchingConfig) {
    this.model = fulfillerModel(connection);
    this.snapshot = new ReferenceDataSnapshot(() => this.model.find().lean<Fulfiller[]>(), config.MATCHING_ROSTER_TTL_SECONDS * 1000);
  }

  /** From the database: who may change an entry depends on the stations it serves now. */
  findById(id: string): Promise<Fulfiller | null> {
    return this.model.findById(id).lean<Fulfiller>();
  }

  /** PUT semantics: the whole entry is replaced; of two concurrent edits the last one stands. */
  async put(fulfiller: Fulfiller): Promise<void> {
    const { _id, ...fields } = fulfiller;
    try {
      await this.model.replaceOne({ _id }, fields, { upsert: true }).catch(async (error: unknown) => {
        // Two first PUTs of one id both try to insert it; the loser replaces what the winner inserted.
        if (!isDuplicateKeyError(error)) throw error;
        await this.model.replaceOne({ _id }, fields);
      });
    } finally {
      this.snapshot.invalidate(); // even a failed write may have landed
    }
  }

  /** The whole directory, sorted by id: a town's committees, partners and teams. */
  async list(): Promise<readonly Fulfiller[]> {
    return this.snapshot.all();
  }

  async seed(fulfillers: Fulfiller[]): Promise<void> {
    try {
      await this.model.bulkWrite(
        fulfillers.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true } })),
        { ordered: false },
      );
    } finally {
      this.snapshot.invalidate();
    }
  }
}
