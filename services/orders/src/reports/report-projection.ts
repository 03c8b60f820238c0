import { OrderPlacedV1 } from '@lantern/contracts';
import { BoundedMap, EventStore, KeyedSerializer } from '@lantern/event-store';
import { GroupJoinListeners } from '@lantern/messaging';
import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { SlaClock } from '../catalogue/sla-clock';
import { Urgency } from '../catalogue/service-offering.model';
import { emptyFact, foldEvent, OrderReportFact, PlacementContext } from './domain/order-report-fact';
import { entryOf, servedResident } from './domain/report-entry';
import { ReportStore } from './report-store';
import { countedAs, OrderEventData } from './counted-as';

export type { OrderEventData } from './counted-as';

/** Facts this replica keeps as it last saved them (about half a KB each). */
const REMEMBERED_FACTS = 5_000;

/**
 * Applies one order event to the reports: folds it into the order's fact, then, if the order's
 * entry changed, puts the new entry into its day documents and saves the fact — in that order and
 * in one command (ReportStore.saveFact), so a crash in between is repaired by the redelivery,
 * which finds the old fact and writes the same entry again. Used by the live projector and by the
 * rebuild from the streams alike.
 *
 * Database commands per event: one (entries and fact together), and under load fewer (writes
 * queued meanwhile share the command). The fact is read (one more) only the first time this
 * replica meets the order, with whether its stream is ours: afterwards it remembers the fact it
 * saved. Events of one order share a partition, whose one consumer is this replica until the
 * group rebalances, so on every join it forgets them all and reads each again; within the
 * replica, events of one order (the live consumer's and a rebuild's) are applied one at a time.
 * An event that changes nothing the reports count (a redelivery) costs nothing once remembered.
 */
@Injectable()
export class ReportProjection {
  private readonly remembered = new BoundedMap<string, OrderReportFact>(REMEMBERED_FACTS);
  private readonly perOrder = new KeyedSerializer();

  constructor(
    private readonly store: ReportStore,
    private readonly events: EventStore,
    private readonly catalogue: CatalogueRepository,
    private readonly slaClock: SlaClock,
    groupJoins: GroupJoinListeners,
  ) {
    groupJoins.add(() => this.forgetAll());
  }

  /**
   * `rewrite` (the rebuild) writes the order's entry and fact even when the event changes
   * neither: the documents it would leave alone may just have been deleted.
   */
  apply(eventType: string, eventData: OrderEventData, { rewrite = false } = {}): Promise<void> {
    return this.perOrder.run(eventData.orderId, () => this.applyInTurn(eventType, eventData, rewrite));
  }

  /** Drops every remembered fact: another replica may have moved them (a rebalance), or a rebuild is about to. */
  forgetAll(): void {
    this.remembered.clear();
  }

  private async applyInTurn(eventType: string, eventData: OrderEventData, rewrite: boolean): Promise<void> {
    const [type, data] = await countedAs(eventType, eventData, this.events);
    const current = this.remembered.get(data.orderId) ?? (await this.store.findFact(data.orderId));
    // The reports count this deployment's orders only: an order event on the topic from some other
    // deployment sharing the broker (a test, a benchmark) has no stream here.
    if (!current && !(await this.events.has(data.orderId, data.version))) return;
    const before = current ?? emptyFact(data.orderId);
    const folded = foldEvent(before, type, data, type === OrderPlacedV1.type ? await this.placementContext(data) : undefined);
    if (current && !rewrite && isDeepStrictEqual(before, folded)) {
      this.remembered.set(data.orderId, current);
      return;
    }
    const after = { ...folded, saves: (before.saves ?? 0) + 1 };
    const entry = entryOf(after);
    const changed = entry && after.placement && (rewrite || !isDeepStrictEqual(entry, entryOf(before))) ? { value: entry, served: servedResident(entry) } : undefined;
    try {
      await this.store.saveFact(after, changed);
    } catch (error) {
      // Whether it was stored is unknown: the retry reads it.
      this.remembered.delete(data.orderId);
      throw error;
    }
    this.remembered.set(data.orderId, after);
  }

  /** The menu's kind and claim SLA of the ordered service (from this replica's in-memory menu). */
  private async placementContext(data: OrderEventData): Promise<PlacementContext> {
    const offering = await this.catalogue.findByCode(data.serviceCode as string);
    if (!offering) return { kind: 'unknown', claimDueAt: null };
    return { kind: offering.kind, claimDueAt: this.slaClock.due(offering, data.urgency as Urgency, 'claim', new Date(data.placedAt as string)) };
  }
}
