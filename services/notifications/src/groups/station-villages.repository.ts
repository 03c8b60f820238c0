import { CloudEvent, MatchingEscalatedV1, OrderPlacedV1, OrderRoutedV1 } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { StationVillage, stationVillageModel } from './station-village.model';

// The events that name a station with its village. Every message to a committee's inbox comes
// from one of them, so its members can read it as soon as it is there.
const NAMING_BOTH = new Set([OrderPlacedV1.type, OrderRoutedV1.type, MatchingEscalatedV1.type]);

/** The station → village read model; fed by the same consumer that routes. */
@Injectable()
export class StationVillagesRepository {
  private readonly model: Model<StationVillage>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = stationVillageModel(connection);
  }

  /** `$set` by `_id`: a station never moves village, so every order placed there writes the same value. */
  async apply(event: CloudEvent): Promise<void> {
    if (!NAMING_BOTH.has(event.type)) return;
    const { stationId, villageId } = event.data as { stationId: string; villageId: string };
    await this.model.updateOne({ _id: stationId }, { $set: { villageId } }, { upsert: true });
  }

  /** The villages of a few stations (a token's), by `_id` lookups; unknown stations are left out. */
  async villagesOf(stationIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await Promise.all(stationIds.map((id) => this.model.findById(id).lean<StationVillage>()));
    return new Map(rows.flatMap((row) => (row ? [[row._id, row.villageId] as const] : [])));
  }
}
