import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderReportFact } from './domain/order-report-fact';
import { ReportEntry } from './domain/report-entry';
import { dayDocumentId, ReportScope, scopeKey, scopesOf } from './domain/report-scope';
import { orderReportFactModel } from './order-report-fact.model';
import { ReportDay, reportDayModel } from './report-day.model';

/** How many day documents a report reads at once. */
const READ_CONCURRENCY = 8;

/**
 * The reports' storage: per-order facts and per-(scope, day) documents, all by `_id`.
 *
 * Many orders share a day document, and FerretDB 1.24 applies an update by reading the document
 * and writing it back, without a lock: two concurrent updates of one document can lose one. So
 * this replica writes each day document through a queue of its own (one write at a time per
 * `_id`). Every write sets an order's whole entry (or raises a sketch register), so writing it
 * again — a redelivery, a replay, a rebuild — gives the same document.
 */
@Injectable()
export class ReportStore {
  readonly facts: Model<OrderReportFact>;
  readonly days: Model<ReportDay>;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.facts = orderReportFactModel(connection);
    this.days = reportDayModel(connection);
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
        this.serially(dayDocumentId(scope, placement.day), (_id) =>
          this.days.collection.updateOne(
            { _id } as never,
            {
              $set: { [`orders.${orderId}`]: entry },
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

  /** The scope's documents of the given days that exist, by `_id`. */
  async readDays(scope: ReportScope, days: string[]): Promise<ReportDay[]> {
    const found: ReportDay[] = [];
    for (let start = 0; start < days.length; start += READ_CONCURRENCY) {
      const batch = days.slice(start, start + READ_CONCURRENCY).map((day) => this.days.findById(dayDocumentId(scope, day)).lean<ReportDay>());
      for (const day of await Promise.all(batch)) if (day) found.push(day);
    }
    return found;
  }

  /** Runs `write` after every earlier write of the same document in this replica. */
  private serially<T>(id: string, write: (id: string) => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => write(id));
    this.queues.set(id, next);
    void next.finally(() => this.queues.get(id) === next && this.queues.delete(id)).catch(() => undefined);
    return next;
  }
}
