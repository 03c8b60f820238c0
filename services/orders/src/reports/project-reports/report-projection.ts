import { OrderPlacedV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { SlaClock } from '../../catalogue/sla-clock';
import { Urgency } from '../../catalogue/service-offering.model';
import { emptyFact, foldEvent, PlacementContext } from '../domain/order-report-fact';
import { entryOf, servedResident } from '../domain/report-entry';
import { ReportStore } from '../report-store';
import { countedAs } from './counted-as';

export type OrderEventData = Record<string, unknown> & { orderId: string; version: number };

/**
 * Applies one order event to the reports: folds it into the order's fact, then, if the order's
 * entry changed, puts the new entry into its day documents — before saving the fact, so that a
 * crash in between is repaired by the redelivery, which finds the old fact and writes the same
 * entry again. Used by the live projector and by the rebuild from the streams alike.
 *
 * Database commands per event: read the fact (1), put the entry (3: station, village, town),
 * save the fact (1); for an order's first event also whether its stream is ours (1). An event
 * that changes nothing the reports count (a redelivery) costs the one read.
 */
@Injectable()
export class ReportProjection {
  constructor(
    private readonly store: ReportStore,
    private readonly events: EventStore,
    private readonly catalogue: CatalogueRepository,
    private readonly slaClock: SlaClock,
  ) {}

  async apply(eventType: string, eventData: OrderEventData): Promise<void> {
    const [type, data] = await countedAs(eventType, eventData, this.events);
    const current = await this.store.findFact(data.orderId);
    // The reports count this deployment's orders only: an order event on the topic from some other
    // deployment sharing the broker (a test, a benchmark) has no stream here.
    if (!current && !(await this.events.has(data.orderId, data.version))) return;
    const before = current ?? emptyFact(data.orderId);
    const after = foldEvent(before, type, data, type === OrderPlacedV1.type ? await this.placementContext(data) : undefined);
    if (current && isDeepStrictEqual(before, after)) return;
    const entry = entryOf(after);
    if (entry && after.placement && !isDeepStrictEqual(entry, entryOf(before))) {
      await this.store.putEntry(after.placement, after._id, entry, servedResident(entry));
    }
    await this.store.saveFact(after);
  }

  /** The menu's kind and claim SLA of the ordered service (from this replica's in-memory menu). */
  private async placementContext(data: OrderEventData): Promise<PlacementContext> {
    const offering = await this.catalogue.findByCode(data.serviceCode as string);
    if (!offering) return { kind: 'unknown', claimDueAt: null };
    return { kind: offering.kind, claimDueAt: this.slaClock.due(offering, data.urgency as Urgency, 'claim', new Date(data.placedAt as string)) };
  }
}
