import { BoundedMap, upsertById } from '@lantern/event-store';
import { CloudEvent, MatchingEscalatedV1, OrderPlacedConfidentialV1, OrderPlacedV1, OrderRoutedConfidentialV1, OrderRoutedV1 } from '@lantern/contracts';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { StationVillage, stationVillageModel } from './station-village.model';

// The events that name a station with its village. Every message to a committee's inbox comes
// from one of them, so its members can read it as soon as it is there.
const NAMING_BOTH = new Set([OrderPlacedV1.type, OrderPlacedConfidentialV1.type, OrderRoutedV1.type, OrderRoutedConfidentialV1.type, MatchingEscalatedV1.type]);

/** Far more than there are stations: in practice every station this replica has heard of. */
const MEMO_CAPACITY = 10_000;

/**
 * The station → village read model; fed by the same consumer that routes. A station never moves
 * village, so what this replica wrote or read is remembered: an order event naming a known
 * station writes nothing, and a committee member's stations are looked up once.
 */
@Injectable()
export class StationVillagesRepository {
  private readonly model: Model<StationVillage>;
  private readonly known = new BoundedMap<string, string>(MEMO_CAPACITY);

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = stationVillageModel(connection);
  }

  /**
   * `$set` by `_id`, once per station per replica: every order placed there names the same village.
   * Two orders of one new station on two partitions (the demo history places ten at once) upsert
   * it at the same moment; on FerretDB both can find nothing and insert, and the second fails with
   * a duplicate key. The row it wanted is then there: it sets it again (upsertById).
   */
  async apply(event: CloudEvent): Promise<void> {
    if (!NAMING_BOTH.has(event.type)) return;
    const { stationId, villageId } = event.data as { stationId: string; villageId: string };
    if (this.known.get(stationId) === villageId) return;
    await upsertById(this.model, stationId, { $set: { villageId } });
    this.known.set(stationId, villageId);
  }

  /** The villages of a few stations (a token's): remembered, or by `_id` lookups; unknown stations are left out. */
  async villagesOf(stationIds: readonly string[]): Promise<Map<string, string>> {
    const villages = new Map<string, string>();
    const unknown: string[] = [];
    for (const stationId of stationIds) {
      const village = this.known.get(stationId);
      if (village) villages.set(stationId, village);
      else unknown.push(stationId);
    }
    const rows = await Promise.all(unknown.map((id) => this.model.findById(id).lean<StationVillage>()));
    for (const row of rows) {
      if (!row) continue;
      this.known.set(row._id, row.villageId);
      villages.set(row._id, row.villageId);
    }
    return villages;
  }
}
