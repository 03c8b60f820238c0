import {
  CharityManagerAddedV1,
  CharityManagerRemovedV1,
  CloudEvent,
  MenuServiceAddedV1,
  MenuServiceNeedsLinkedV1,
  MenuServiceReinstatedV1,
  MenuServiceRetiredV1,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderEscalatedV1,
  OrderHandedBackV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRatedV1,
  OrderReassignedV1,
  OrderRoutedConfidentialV1,
  OrderRoutedV1,
  OrderStartedV1,
} from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { AuditTrail } from '../audit-trail';
import { auditEntryOf, needsOrderContext, OrderContext } from '../domain/audited-event';

/**
 * Records who did what from the event streams: the orders' state changes and claims, the menu's
 * changes (orders' own topic) and the charity campaigns' manager changes. Idempotent without a
 * processed-message record: an entry's id is its event's id, and the trail lists an id once
 * however often it is recorded (AuditTrail).
 */
@Controller()
export class AuditProjector {
  constructor(
    private readonly trail: AuditTrail,
    private readonly events: EventStore,
  ) {}

  @OnIdempotentEvent(
    OrderPlacedV1,
    OrderPlacedConfidentialV1,
    OrderClaimedV1,
    OrderEscalatedV1,
    OrderCancelledV1,
    OrderCancelledConfidentialV1,
    OrderRoutedV1,
    OrderRoutedConfidentialV1,
    OrderStartedV1,
    OrderCompletedV1,
    OrderCompletedConfidentialV1,
    OrderCompletedV2,
    OrderCompletedConfidentialV2,
    OrderRatedV1,
    OrderHandedBackV1,
    OrderReassignedV1,
    MenuServiceAddedV1,
    MenuServiceRetiredV1,
    MenuServiceReinstatedV1,
    MenuServiceNeedsLinkedV1,
    CharityManagerAddedV1,
    CharityManagerRemovedV1,
  )
  async onAuditedEvent(event: CloudEvent): Promise<void> {
    const data = event.data as Record<string, unknown>;
    const context = needsOrderContext(event.type) ? await this.placementOf(data.orderId as string) : undefined;
    // An order of some other deployment sharing the broker has no stream here: not ours to audit.
    if (context === null) return;
    const entry = auditEntryOf({ id: event.id, type: event.type, time: event.time ?? new Date().toISOString(), data }, context);
    if (entry) await this.trail.record(entry);
  }

  /**
   * The resident (or pseudonym) and station of an order, from its placement in its stream; null
   * when the stream is not here. The placement is the stream's first event and never changes, so
   * what this process saw of the stream, or its head, will do (no lookup when this process
   * appended to it); only when they lack it is the stream probed.
   */
  private async placementOf(orderId: string): Promise<OrderContext | null> {
    const isPlacement = (stored: { type: string }) => stored.type === OrderPlacedV1.type || stored.type === OrderPlacedConfidentialV1.type;
    const placed = (await this.events.read(orderId, { catchUp: false })).events.find(isPlacement) ?? (await this.events.load(orderId)).find(isPlacement);
    if (!placed) return null;
    const data = placed.data as Record<string, unknown>;
    return { resident: ((data.residentId ?? data.residentRef) as string) ?? null, stationId: (data.stationId as string) ?? null };
  }
}
