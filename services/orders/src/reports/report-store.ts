import { APP_CONFIG } from '@lantern/config';
import { KeyedSerializer, retryUpsertRace, WriterShards } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderReportFact } from './domain/order-report-fact';
import { ReportEntry } from './domain/report-entry';
import { DayContent, mergeDayShards, onlyStation } from './domain/merge-day-shards';
import { DaySource, dayDocumentId, entryScopeOf, ReportScope, scopeKey, sourcesOf, StationVillages } from './domain/report-scope';
import { fieldKey } from '../field-key';
import { GroupedWrites, Operation } from './grouped-writes';
import { packEntry, ReportDay, reportDayModel, StoredDayShard, unpackShard, VolunteerHours } from './report-day.model';
import { latestStatuses, RosterStatus, StoredRoster } from './domain/merge-roster-shards';
import { VolunteerFact, volunteerFactModel, VolunteerRoster, volunteerRosterModel } from './volunteer-roster.model';
import type { OrdersConfig } from '../orders.config';
import { StationsRepository } from '../stations/stations.repository';

const volunteerScopes = (villages: string[]): ReportScope[] => [...villages.map((id): ReportScope => ({ kind: 'village', id })), { kind: 'town' }];

/** How many day documents a report reads at once. */
const READ_CONCURRENCY = 8;

/**
 * The reports' storage: per-(scope, day) documents and per-order facts, all by `_id` and all in
 * `report_days` — a fact's `_id` is its order id (`ord_…`), a day document's `<scope>|<day>`, kept
 * as one shard per writing replica (`<scope>|<day>|<writer>`, WriterShards) — so that an event's writes,
 * its entry in its village's day document and then its fact, are one command of two statements
 * (entryScopeOf). Its station's and the town's reports find it there (sourcesOf).
 *
 * Every report write of this replica goes through one queue (GroupedWrites: one command at a
 * time, carrying whatever queued meanwhile). Every write sets an order's whole entry or fact (or
 * raises a sketch register), so writing it again — a redelivery, a replay, a rebuild — gives the
 * same document.
 */
@Injectable()
export class ReportStore {
  readonly days: Model<ReportDay>;
  readonly volunteerFacts: Model<VolunteerFact>;
  readonly rosters: Model<VolunteerRoster>;
  private readonly dayWrites: GroupedWrites;
  private readonly shards: WriterShards;
  private readonly rosterWrites = new KeyedSerializer();
  private readonly rosterShards: WriterShards;

  /** `dayShardWrites`: REPORT_DAY_SHARD_WRITES (see orders.config.ts); `stations`: which village a station is in. */
  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(APP_CONFIG) { REPORT_DAY_SHARD_WRITES: dayShardWrites }: Pick<OrdersConfig, 'REPORT_DAY_SHARD_WRITES'>,
    @Inject(StationsRepository) private readonly stations: StationVillages,
  ) {
    this.days = reportDayModel(connection);
    this.volunteerFacts = volunteerFactModel(connection);
    this.rosters = volunteerRosterModel(connection);
    this.dayWrites = new GroupedWrites(this.days.collection as never);
    this.shards = new WriterShards(this.days.collection as never, { rotateAfter: dayShardWrites });
    this.rosterShards = new WriterShards(this.rosters.collection as never);
  }

  findFact(orderId: string): Promise<OrderReportFact | null> {
    return this.days.collection.findOne({ _id: orderId } as never) as Promise<OrderReportFact | null>;
  }

  /**
   * Saves an order's fact, after putting its entry (when it changed) into this replica's shard of
   * its village's day document, with its station, and marking its resident served there: one
   * ordered command, so a crash or an error before the fact leaves the old fact, and the
   * redelivery writes the same entry again. The entry carries the fact's count of saves, by which
   * a reader keeps the latest of an order's entries in several shards (and documents).
   */
  async saveFact(fact: OrderReportFact, entry?: { value: ReportEntry; served: boolean }): Promise<void> {
    const placement = fact.placement;
    const scopes = entry && placement ? [entryScopeOf(placement.villageId)] : [];
    const factWrite: Operation = { replaceOne: { filter: { _id: fact._id }, replacement: fact as never, upsert: true } };
    await this.writeToShards(scopes, placement?.day ?? '', (shardOf) => [
      ...scopes.map((scope) => entryWrite(shardOf(scope), placement!, fact._id, { ...entry!, saves: fact.saves ?? 0 })),
      factWrite,
    ]);
  }

  findVolunteer(volunteerId: string): Promise<VolunteerFact | null> {
    return this.volunteerFacts.findById(volunteerId).lean<VolunteerFact>() as Promise<VolunteerFact | null>;
  }

  async saveVolunteer(fact: VolunteerFact): Promise<void> {
    await retryUpsertRace(() => this.volunteerFacts.collection.replaceOne({ _id: fact._id } as never, fact as never, { upsert: true }));
  }

  /**
   * Marks a volunteer active or suspended on this replica's shards of the rosters of their villages
   * and of the town, with the stream version that decided it: of a volunteer marked in several
   * replicas' shards, the reader keeps the latest (readRoster).
   */
  async putRosterStatus(fact: VolunteerFact): Promise<void> {
    await Promise.all(
      volunteerScopes(fact.villages).map((scope) =>
        this.rosterWrites.run(`roster:${scopeKey(scope)}`, () =>
          this.rosterShards.writeTo([scopeKey(scope)], () => ({ volunteers: {} }), async ([shardId]) => {
            const status: RosterStatus = { active: fact.active, version: fact.statusVersion };
            const written = await this.rosters.collection.updateOne({ _id: shardId } as never, { $set: { [`volunteers.${fieldKey(fact._id)}`]: status } });
            return written.matchedCount === 1;
          }),
        ),
      ),
    );
  }

  /** Puts one ledger entry of volunteer hours into this replica's shards of the day documents of the volunteer's villages and the town (one command). */
  async putVolunteerHours(villages: string[], day: string, entryId: string, hours: VolunteerHours): Promise<void> {
    const scopes = volunteerScopes(villages);
    await this.writeToShards(scopes, day, (shardOf) =>
      scopes.map((scope) => ({
        updateOne: { filter: { _id: shardOf(scope) }, update: { $set: { [`volunteerHours.${fieldKey(entryId)}`]: hours } } },
      })),
    );
  }

  /** Writes to this replica's shards of the scopes' documents of a day, claiming them first if need be (WriterShards.writeTo). */
  private writeToShards(scopes: ReportScope[], day: string, operations: (shardOf: (scope: ReportScope) => string) => Operation[]): Promise<void> {
    const documentIds = scopes.map((scope) => dayDocumentId(scope, day));
    const startsWith = (documentId: string) => ({ scope: scopeKey(scopes[documentIds.indexOf(documentId)]), day, orders: {}, served: {}, volunteerHours: {} });
    return this.shards.writeTo(documentIds, startsWith, (shardIds) => this.dayWrites.write(operations((scope) => shardIds[scopes.indexOf(scope)])));
  }

  /** A scope's roster, merged from its shards: each volunteer's latest status. */
  async readRoster(scope: ReportScope): Promise<VolunteerRoster | null> {
    const shards = await this.rosterShards.read<StoredRoster>(scopeKey(scope));
    if (shards.length === 0) return null;
    return { _id: scopeKey(scope), volunteers: latestStatuses(shards) };
  }

  /**
   * The scope's days among those given that hold anything, each merged from the shards of every
   * document its figures are in (sourcesOf: its own, and its village's or every village's), by `_id`.
   */
  async readDays(scope: ReportScope, days: string[]): Promise<ReportDay[]> {
    const sources = await sourcesOf(scope, this.stations);
    const found: ReportDay[] = [];
    for (let start = 0; start < days.length; start += READ_CONCURRENCY) {
      const batch = days.slice(start, start + READ_CONCURRENCY).map(async (day): Promise<ReportDay | null> => {
        const parts = (await Promise.all(sources.map((source) => this.readSource(source, day)))).flat();
        return parts.length === 0 ? null : { _id: dayDocumentId(scope, day), scope: scopeKey(scope), day, ...mergeDayShards(parts) };
      });
      for (const day of await Promise.all(batch)) if (day) found.push(day);
    }
    return found;
  }

  /** The shards of one source's document of a day, unpacked; of a station's village, only its entries. */
  private async readSource({ scope, station }: DaySource, day: string): Promise<Partial<DayContent<VolunteerHours>>[]> {
    const shards = (await this.shards.read<StoredDayShard>(dayDocumentId(scope, day))).map(unpackShard);
    return station === undefined ? shards : shards.map((shard) => onlyStation(shard, station));
  }

  /** Forgets this replica's claims of day documents: a rebuild is about to delete them. */
  forgetShards(): void {
    this.shards.forgetAll();
  }
}

/** Sets an order's entry in this replica's shard of its village's document of its placement day. */
function entryWrite(
  shardId: string,
  placement: NonNullable<OrderReportFact['placement']>,
  orderId: string,
  entry: { value: ReportEntry; served: boolean; saves: number },
): Operation {
  const { register, rank } = placement.resident;
  return {
    updateOne: {
      filter: { _id: shardId },
      update: {
        $set: { [`orders.${fieldKey(orderId)}`]: packEntry({ ...entry.value, saves: entry.saves, stationId: placement.stationId }) },
        // Coverage is per village (the town's is the union of the villages'); a station serves no population of its own.
        ...(entry.served ? { $max: { [`served.${register}`]: rank } } : {}),
      },
    },
  };
}
