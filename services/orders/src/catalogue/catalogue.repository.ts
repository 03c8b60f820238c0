import { isDuplicateKeyError } from '@lantern/event-store';
import { conflict, MONGO_CONNECTION } from '@lantern/http';
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

  /** Any service ever on the menu, retired or not: orders already placed keep their SLAs. */
  findByCode(code: string): Promise<ServiceOffering | null> {
    return this.model.findById(code).lean<ServiceOffering>();
  }

  /** Adds a service; its code is its `_id`, so a second one with the same code is a 409. */
  async add(offering: Omit<ServiceOffering, 'retiredAt'>): Promise<ServiceOffering> {
    const document: ServiceOffering = { ...offering, retiredAt: null };
    try {
      await this.model.collection.insertOne(document as never);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict(`A service with the code ${offering._id} is already on the menu`);
      throw error;
    }
    return document;
  }

  /**
   * Applies a change of the entry's menu stream (retired at a date, or back on the menu: null) that
   * brought it to `menuVersion`. A retired entry stays readable for the orders that used it. Of two
   * writers applying different versions, the newer stands: an older one finds nothing to update.
   */
  async applyMenuChange(code: string, retiredAt: Date | null, menuVersion: number): Promise<ServiceOffering | null> {
    await this.model.updateOne({ _id: code, $or: [{ menuVersion: null }, { menuVersion: { $lt: menuVersion } }] }, { $set: { retiredAt, menuVersion } });
    return this.findByCode(code);
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
