import { StoredEvent, storedEventModel } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { COUNTED_EVENT_TYPES } from '../domain/order-report-fact';
import { OrderEventData, ReportProjection } from '../report-projection';
import { ReportStore } from '../report-store';

/**
 * Recomputes the reports from the order streams: forgets every fact and day document (both in
 * `report_days`), then
 * applies each stored order event through the same projection as the live consumer. The fold
 * does not depend on event order, so events the live consumer applies meanwhile merge with the
 * rebuild instead of being lost. A full read of the event store: an operator's tool, not a hot path.
 */
@Injectable()
export class RebuildReportsHandler {
  private readonly events: Model<StoredEvent>;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: ReportStore,
    private readonly projection: ReportProjection,
  ) {
    this.events = storedEventModel(connection);
  }

  async execute(): Promise<{ eventsApplied: number }> {
    // What this replica remembers of the facts goes too: a rebuild may be repairing them.
    this.projection.forgetAll();
    this.store.forgetShards();
    await this.store.days.deleteMany({});
    let eventsApplied = 0;
    const cursor = this.events.find({ type: { $in: COUNTED_EVENT_TYPES } }, { type: 1, data: 1 }).lean<StoredEvent>().cursor();
    for await (const event of cursor) {
      await this.projection.apply(event.type, event.data as OrderEventData, { rewrite: true });
      eventsApplied += 1;
    }
    return { eventsApplied };
  }
}
