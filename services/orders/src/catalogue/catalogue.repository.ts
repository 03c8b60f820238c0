import { APP_CONFIG } from '@lantern/config';
import { insertOnce, retryUpsertRace } from '@lantern/event-store';
import { conflict, MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import type { OrdersConfig } from '../orders.config';
import { ReferenceCache, ReferenceSnapshot } from '../reference-data/reference-cache';
import { CATALOGUE_SEED } from './catalogue.seed';
import { ServiceNeed, ServiceOffering, serviceOfferingModel } from './service-offering.model';

export type MenuSnapshot = ReferenceSnapshot<ServiceOffering>;

/**
 * The service menu. Reads come from this replica's in-memory copy (see ReferenceCache): placing,
 * routing and completing an order cost no catalogue command. Every write here ends by reading
 * the entry it wrote back by `_id` into that copy (`stored`), so this replica serves the change
 * from its next request on; other replicas see it within ORDERS_REFERENCE_DATA_MAX_AGE_MS (an
 * added service is orderable there at once: an unknown code is looked up).
 */
@Injectable()
export class CatalogueRepository {
  private readonly model: Model<ServiceOffering>;
  private readonly menu: ReferenceCache<ServiceOffering>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: OrdersConfig) {
    this.model = serviceOfferingModel(connection);
    this.menu = new ReferenceCache(
      {
        loadAll: () => this.model.find().lean<ServiceOffering[]>(),
        loadOne: (code) => this.model.findById(code).lean<ServiceOffering>(),
      },
      config.ORDERS_REFERENCE_DATA_MAX_AGE_MS,
    );
  }

  /** A service that can still be ordered, by code. */
  async findActive(code: string): Promise<ServiceOffering | null> {
    const offering = await this.menu.find(code);
    return offering && !offering.retiredAt ? offering : null;
  }

  /** Any service ever on the menu, retired or not: orders already placed keep their SLAs. */
  findByCode(code: string): Promise<ServiceOffering | null> {
    return this.menu.find(code);
  }

  /** Adds a service; its code is its `_id`, so a second one with the same code is a 409. */
  async add(offering: Omit<ServiceOffering, 'retiredAt'>): Promise<ServiceOffering> {
    const document: ServiceOffering = { ...offering, retiredAt: null };
    if (!(await insertOnce(this.model.collection, document))) throw conflict(`A service with the code ${offering._id} is already on the menu`);
    await this.stored(offering._id);
    return document;
  }

  /**
   * Applies a change of the entry's menu stream (retired at a date, or back on the menu: null) that
   * brought it to `menuVersion`. A retired entry stays readable for the orders that used it. Of two
   * writers applying different versions, the newer stands: an older one finds nothing to update.
   */
  async applyMenuChange(code: string, retiredAt: Date | null, menuVersion: number): Promise<ServiceOffering | null> {
    await this.model.updateOne({ _id: code, $or: [{ menuVersion: null }, { menuVersion: { $lt: menuVersion } }] }, { $set: { retiredAt, menuVersion } });
    return this.stored(code);
  }

  /** Replaces the survey findings a service answers; null when there is no such service. */
  async setNeeds(code: string, needs: ServiceNeed[]): Promise<ServiceOffering | null> {
    await this.model.updateOne({ _id: code }, { $set: { needs } });
    return this.stored(code);
  }

  /** The whole menu, retired services included, as this replica knows it. */
  menuSnapshot(): Promise<MenuSnapshot> {
    return this.menu.snapshot();
  }

  /** Inserts the demo menu; entries that exist (perhaps edited by an admin) are left alone. */
  async seed(): Promise<void> {
    // Replicas starting together seed at once: FerretDB's upsert race is run again (retryUpsertRace).
    await retryUpsertRace(() =>
      this.model.bulkWrite(
        CATALOGUE_SEED.map(({ _id, ...offering }) => ({
          updateOne: { filter: { _id }, update: { $setOnInsert: { ...offering, retiredAt: null } }, upsert: true },
        })),
        { ordered: false },
      ),
    );
    await this.menu.reload();
  }

  /**
   * Reads one entry back as the database now holds it and puts it in memory: what a reload
   * would find, field order included, so every replica serves the same bytes.
   */
  private async stored(code: string): Promise<ServiceOffering | null> {
    const offering = await this.model.findById(code).lean<ServiceOffering>();
    if (offering) this.menu.remember(offering);
    return offering;
  }
}

/** What can be ordered, regular services first, each group by code. */
export function activeServices(menu: MenuSnapshot): ServiceOffering[] {
  return menu.all.filter((offering) => !offering.retiredAt).sort((a, b) => a.kind.localeCompare(b.kind) || a._id.localeCompare(b._id));
}
