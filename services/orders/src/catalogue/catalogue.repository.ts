import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { CATALOGUE_SEED } from './catalogue.seed';
import { ServiceOffering, serviceOfferingModel } from './service-offering.model';

@Injectable()
export class CatalogueRepository {
  private readonly model: Model<ServiceOffering>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = serviceOfferingModel(connection);
  }

  /** A service that can still be ordered, by code (an `_id` lookup). */
  async findActive(code: string): Promise<ServiceOffering | null> {
    const offering = await this.model.findById(code).lean<ServiceOffering>();
    return offering && !offering.retiredAt ? offering : null;
  }

  /** The whole menu: small, so a full read is fine even on FerretDB. */
  async listActive(): Promise<ServiceOffering[]> {
    const all = await this.model.find().lean<ServiceOffering[]>();
    return all.filter((offering) => !offering.retiredAt).sort((a, b) => a.kind.localeCompare(b.kind) || a._id.localeCompare(b._id));
  }

  /** Inserts the demo menu; entries that exist (perhaps edited by an admin) are left alone. */
  async seed(): Promise<void> {
    await this.model.bulkWrite(
      CATALOGUE_SEED.map(({ _id, ...offering }) => ({
        updateOne: { filter: { _id }, update: { $setOnInsert: { ...offering, retiredAt: null } }, upsert: true },
      })),
      { ordered: false },
    );
  }
}
