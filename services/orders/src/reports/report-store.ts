import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderReportFact } from './domain/order-report-fact';
import { ReportEntry } from './domain/report-entry';
import { mergeDayShards } from './domain/merge-day-shards';
import { dayDocumentId, ReportScope, scopeKey, scopesOf } from './domain/report-scope';
import { DayShards } from './day-shards';
import { GroupedWrites, Operation } from './grouped-writes';
import { ReportDay, reportDayModel, VolunteerHours } from './report-day.model';
import { SerialWrites } from './serial-writes';
import { VolunteerFact, volunteerFactModel, VolunteerRoster, volunteerRosterModel } from './volunteer-roster.model';

const volunteerScopes = (villages: string[]): ReportScope[] => [...villages.map((id): ReportScope => ({ kind: 'village', id })), { kind: 'town' }];

/**
 * An id as a field name: `.` would nest and `$` would be read as an operator, so both (and the
 * escape character itself) are percent-encoded. Readers use the values, never the names.
 */
export const fieldKey = (id: string): string => id.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** How many day documents a report reads at once. */
const READ_CONCURRENCY = 8;

/**
 * The reports' storage: per-(scope, day) documents and per-order facts, all by `_id` and all in
 * `report_days` — a fact's `_id` is its order id (`ord_…`), a day document's `<scope>|<day>`, kept
 * as one shard per writing replica (`<scope>|<day>|<n>`, DayShards) — so that an event's writes,
 * its entry in three day documents and then its fact, are one command.
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
  private readonly shards: DayShards;
  private readonly rosterWrites = new SerialWrites();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.days = reportDayModel(connection);
    this.volunteerFacts = volunteerFactModel(connection);
    this.rosters = volunteerRosterModel(connection);
    this.dayWrites = new GroupedWrites(this.days.collection as never);
    this.shards = new DayShards(this.days.collection as never);
  }

  findFact(orderId: string): Promise<OrderReportFact | null> {
    return this.days.collection.findOne({ _id: orderId } as never) as Promise<OrderReportFact | null>;
  }

  /**
   * Saves an order's fact, after putting its entry (when it changed) into this replica's shards of
   * the day documents of its station, village and the town and marking its resident served: one
   * ordered command, so a crash or an error before the fact leaves the old fact, and the
   * redelivery writes the same entry again. The entry carries the fact's count of saves, by which
   * a reader keeps the latest of an order's entries in several shards.
   */
  async saveFact(fact: OrderReportFact, entry?: { value: ReportEntry; served: boolean }): Promise<void> {
    const placement = fact.placement;
    const scopes = entry && placement ? scopesOf(placement.stationId, placement.villageId) : [];
    const factWrite: Operation = { replaceOne: { filter: { _id: fact._id }, replacement: fact as never, upsert: true } };
    await this.writeToShards(scopes, placement?.day ?? '', (shardOf) => [
      ...scopes.map((scope) => entryWrite(shardOf(scope), this.shards.writer, scope, placement!, fact._id, { ...entry!, saves: fact.saves ?? 0 })),
      factWrite,
    ]);
  }

  findVolunteer(volunteerId: string): Promise<VolunteerFact | null> {
    return this.volunteerFacts.findById(volunteerId).lean<VolunteerFact>() as Promise<VolunteerFact | null>;
  }

  async saveVolunteer(fact: VolunteerFact): Promise<void> {
    await this.volunteerFacts.collection.replaceOne({ _id: fact._id } as never, fact as never, { upsert: true });
  }

  /** Marks a volunteer active or suspended on the rosters of their villages and of the town. */
  async putRosterStatus(fact: VolunteerFact): Promise<void> {
    await Promise.all(
      volunteerScopes(fact.villages).map((scope) =>
        this.rosterWrites.run(`roster:${scopeKey(scope)}`, () =>
          this.rosters.collection.updateOne({ _id: scopeKey(scope) } as never, { $set: { [`volunteers.${fieldKey(fact._id)}`]: fact.active } }, { upsert: true }),
        ),
      ),
    );
  }

  /** Puts one ledger entry of volunteer hours into this replica's shards of the day documents of the volunteer's villages and the town (one command). */
  async putVolunteerHours(villages: string[], day: string, entryId: string, hours: VolunteerHours): Promise<void> {
    const scopes = volunteerScopes(villages);
    await this.writeToShards(scopes, day, (shardOf) =>
      scopes.map((scope) => ({
        updateOne: { filter: { _id: shardOf(scope), writer: this.shards.writer }, update: { $set: { [`volunteerHours.${fieldKey(entryId)}`]: hours } } },
      })),
    );
  }

  /**
   * Writes to this replica's shards of the scopes' documents of a day, claiming them first if need
   * be. When a write found no shard of ours (a rebuild deleted the reports meanwhile), the claims
   * are forgotten and the write made again: one read per shard, only then.
   */
  private async writeToShards(scopes: ReportScope[], day: string, operations: (shardOf: (scope: ReportScope) => string) => Operation[]): Promise<void> {
    const documentIds = scopes.map((scope) => dayDocumentId(scope, day));
    for (let attempt = 0; ; attempt += 1) {
      const shardIds = await Promise.all(scopes.map((scope, i) => this.shards.shardOf(documentIds[i], scopeKey(scope), day)));
      const shardOf = (scope: ReportScope) => shardIds[scopes.indexOf(scope)];
      if (await this.dayWrites.write(operations(shardOf))) return;
      if (await this.shards.stillOurs(shardIds)) return; // another writer's update in the same command missed
      if (attempt === 2) throw new Error(`reports: the shards of ${documentIds.join(', ')} keep disappearing`);
      this.shards.forget(documentIds);
    }
  }

  async readRoster(scope: ReportScope): Promise<VolunteerRoster | null> {
    return this.rosters.findById(scopeKey(scope)).lean<VolunteerRoster>() as Promise<VolunteerRoster | null>;
  }

  /** The scope's documents of the given days that hold anything, each merged from its shards, by `_id`. */
  async readDays(scope: ReportScope, days: string[]): Promise<ReportDay[]> {
    const found: ReportDay[] = [];
    for (let start = 0; start < days.length; start += READ_CONCURRENCY) {
      const batch = days.slice(start, start + READ_CONCURRENCY).map(async (day): Promise<ReportDay | null> => {
        const shards = await this.shards.read<ReportDay>(dayDocumentId(scope, day));
        return shards.length === 0 ? null : { _id: dayDocumentId(scope, day), scope: scopeKey(scope), day, ...mergeDayShards(shards) };
      });
      for (const day of await Promise.all(batch)) if (day) found.push(day);
    }
    return found;
  }

  /** Forgets this replica's claims of day documents: a rebuild is about to delete them. */
  forgetShards(): void {
    this.shards.forgetAll();
  }
}

/** Sets an order's entry in this replica's shard of one scope's document of its placement day. */
function entryWrite(
  shardId: string,
  writer: string,
  scope: ReportScope,
  placement: NonNullable<OrderReportFact['placement']>,
  orderId: string,
  entry: { value: ReportEntry; served: boolean; saves: number },
): Operation {
  const { register, rank } = placement.resident;
  return {
    updateOne: {
      filter: { _id: shardId, writer },
      update: {
        $set: { [`orders.${fieldKey(orderId)}`]: { ...entry.value, saves: entry.saves } },
        // Coverage is per village and for the town; a station serves no population of its own.
        ...(entry.served && scope.kind !== 'station' ? { $max: { [`served.${register}`]: rank } } : {}),
      },
    },
  };
}
