import { retryUpsertRace } from '@lantern/event-store';
import { APP_CONFIG } from '@lantern/config';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import type { OrdersConfig } from '../orders.config';
import { ReferenceCache, ReferenceSnapshot } from '../reference-data/reference-cache';
import type { StationVillages } from '../reports/domain/report-scope';
import { Station, stationModel } from './station.model';
import { STATIONS_SEED } from './stations.seed';

export type StationsSnapshot = ReferenceSnapshot<Station>;

/**
 * The stations, read from this replica's in-memory copy (see ReferenceCache): placing an order
 * costs no station command. They change only by seeding, which reloads the copy; a change made
 * elsewhere is seen within ORDERS_REFERENCE_DATA_MAX_AGE_MS, a new station at once.
 */
@Injectable()
export class StationsRepository implements StationVillages {
  private readonly model: Model<Station>;
  private readonly stations: ReferenceCache<Station>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(APP_CONFIG) config: OrdersConfig) {
    this.model = stationModel(connection);
    this.stations = new ReferenceCache(
      {
        loadAll: () => this.model.find().lean<Station[]>(),
        loadOne: (id) => this.model.findById(id).lean<Station>(),
      },
      config.ORDERS_REFERENCE_DATA_MAX_AGE_MS,
    );
  }

  findById(id: string): Promise<Station | null> {
    return this.stations.find(id);
  }

  snapshot(): Promise<StationsSnapshot> {
    return this.stations.snapshot();
  }

  /** The village a station is in (the reports find its orders' entries there). */
  async villageOf(stationId: string): Promise<string | null> {
    return (await this.findById(stationId))?.villageId ?? null;
  }

  /** Every village with a station, in `_id` order: the town's report reads their day documents. */
  async villages(): Promise<string[]> {
    return [...new Set((await this.snapshot()).all.map((station) => station.villageId))].sort();
  }

  async seed(): Promise<void> {
    // Replicas starting together seed at once: FerretDB's upsert race is run again (retryUpsertRace).
    await retryUpsertRace(() =>
      this.model.bulkWrite(
        STATIONS_SEED.map(({ _id, ...station }) => ({ updateOne: { filter: { _id }, update: { $setOnInsert: station }, upsert: true } })),
        { ordered: false },
      ),
    );
    await this.stations.reload();
  }
}

/** The stations in `_id` order, as the list shows them. */
export function byId(stations: StationsSnapshot): Station[] {
  return [...stations.all].sort((a, b) => a._id.localeCompare(b._id));
}
