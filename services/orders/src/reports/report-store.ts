import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderReportFact } from './domain/order-report-fact';
import { ReportEntry } from './domain/report-entry';
import { dayDocumentId, ReportScope, scopeKey, scopesOf } from './domain/report-scope';
import { orderReportFactModel } from './order-report-fact.model';
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
 * The reports' storage: per-order facts and per-(scope, day) documents, all by `_id`.
 *
 * Many orders share a day document, so this replica writes each one through a queue of its own
 * (SerialWrites: one write at a time per `_id`). Every write sets an order's whole entry (or raises a sketch register), so writing it
 * again — a redelivery, a replay, a rebuild — gives the same document.
 */
@Injectable()
export class ReportStore {
  readonly facts: Model<OrderReportFact>;
  readonly days: Model<ReportDay>;
  readonly volunteerFacts: Model<VolunteerFact>;
  readonly rosters: Model<VolunteerRoster>;
  private readonly writes = new SerialWrites();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.facts = orderReportFactModel(connection);
    this.days = reportDayModel(connection);
    this.volunteerFacts = volunteerFactModel(connection);
    this.rosters = volunteerRosterModel(connection);
  }

  findFact(orderId: string): Promise<OrderReportFact | null> {
    return this.facts.findById(orderId).lean<OrderReportFact>() as Promise<OrderReportFact | null>;
  }

  async saveFact(fact: OrderReportFact): Promise<void> {
    await this.facts.collection.replaceOne({ _id: fact._id } as never, fact as never, { upsert: true });
  }

  /** Puts an order's entry into the day documents of its station, village and the town; marks its resident served. */
  async putEntry(placement: NonNullable<OrderReportFact['placement']>, orderId: string, entry: ReportEntry, served: boolean): Promise<void> {
    const { register, rank } = placement.resident;
    await Promise.all(
      scopesOf(placement.stationId, placement.villageId).map((scope) =>
        this.writes.run(dayDocumentId(scope, placement.day), (_id) =>
          this.days.collection.updateOne(
            { _id } as never,
            {
              $set: { [`orders.${fieldKey(orderId)}`]: entry },
              $setOnInsert: { scope: scopeKey(scope), day: placement.day },
              // Coverage is per village and for the town; a station serves no population of its own.
              ...(served && scope.kind !== 'station' ? { $max: { [`served.${register}`]: rank } } : {}),
            },
            { upsert: true },
          ),
        ),
      ),
    );
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
        this.writes.run(`roster:${scopeKey(scope)}`, () =>
          this.rosters.collection.updateOne({ _id: scopeKey(scope) } as never, { $set: { [`volunteers.${fieldKey(fact._id)}`]: fact.active } }, { upsert: true }),
        ),
      ),
    );
  }

  /** Puts one ledger entry of volunteer hours into the day documents of the volunteer's villages and the town. */
  async putVolunteerHours(villages: string[], day: string, entryId: string, hours: VolunteerHours): Promise<void> {
    await Promise.all(
      volunteerScopes(villages).map((scope) =>
        this.writes.run(dayDocumentId(scope, day), (_id) =>
          this.days.collection.updateOne(
            { _id } as never,
            { $set: { [`volunteerHours.${fieldKey(entryId)}`]: hours }, $setOnInsert: { scope: scopeKey(scope), day } },
            { upsert: true },
          ),
        ),
      ),
    );
  }

  async readRoster(scope: ReportScope): Promise<VolunteerRoster | null> {
    return this.rosters.findById(scopeKey(scope)).lean<VolunteerRoster>() as Promise<VolunteerRoster | null>;
  }

  /** The scope's documents of the given days that exist, by `_id`. */
  async readDays(scope: ReportScope, days: string[]): Promise<ReportDay[]> {
    const found: ReportDay[] = [];
    for (let start = 0; start < days.length; start += READ_CONCURRENCY) {
      const batch = days.slice(start, start + READ_CONCURRENCY).map((day) => this.days.findById(dayDocumentId(scope, day)).lean<ReportDay>());
      for (const day of await Promise.all(batch)) if (day) found.push(day);
    }
    return found;
  }
}
