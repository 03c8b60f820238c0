import { APP_CONFIG } from '@lantern/config';
import { EventData, FulfillerChangedV1 } from '@lantern/contracts';
import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import type { OrdersConfig } from '../orders.config';
import { ReferenceCache } from '../reference-data/reference-cache';
import { FulfillerEntry, fulfillerEntryModel } from './fulfiller.model';

/**
 * The fulfiller directory as this service knows it: a replica of matching's, written only by the
 * consumer of `lantern.fulfiller.changed.v1` and read from this replica's in-memory copy (see
 * ReferenceCache), so routing an order costs no directory command. An entry this replica's
 * consumer wrote is current here at once; one written by another replica's consumer is seen
 * within ORDERS_REFERENCE_DATA_MAX_AGE_MS (a new entry at once, by its `_id`).
 */
@Injectable()
export class FulfillerDirectory {
  private readonly model: Model<FulfillerEntry>;
  private readonly entries: ReferenceCache<FulfillerEntry>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: OrdersConfig) {
    this.model = fulfillerEntryModel(connection);
    this.entries = new ReferenceCache(
      {
        loadAll: () => this.model.find().lean<FulfillerEntry[]>(),
        loadOne: (id) => this.model.findById(id).lean<FulfillerEntry>(),
      },
      config.ORDERS_REFERENCE_DATA_MAX_AGE_MS,
    );
  }

  find(id: string): Promise<FulfillerEntry | null> {
    return this.entries.find(id);
  }

  /**
   * Keeps the highest version: one replace by `_id` that only matches an older document, and an
   * upsert that collides on `_id` when a newer one is there (a redelivered or overtaken event
   * changes nothing). An entry's events come in order on one partition, one consumer at a time.
   */
  async apply(data: EventData<typeof FulfillerChangedV1>): Promise<void> {
    const entry: FulfillerEntry = {
      _id: data.fulfillerId,
      type: data.type,
      stations: data.stations,
      categories: data.categories,
      active: data.active,
      version: data.version,
    };
    const { _id, ...fields } = entry;
    try {
      await this.model.replaceOne({ _id, version: { $lt: entry.version } }, fields, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return; // a newer (or the same) version is stored
    }
    this.entries.remember(entry);
  }
}
