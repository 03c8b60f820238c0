import {
  CloudEvent,
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderClaimedV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2,
  OrderEscalatedV1,
  OrderFollowUpClosedV1,
  OrderFollowUpRequestedV1,
  OrderHandedBackV1,
  OrderPlacedConfidentialV1,
  OrderPlacedV1,
  OrderRatedV1,
  OrderReassignedV1,
  OrderRoutedConfidentialV1,
  OrderRoutedV1,
} from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { OrderEventData, ReportProjection } from '../report-projection';

/**
 * Keeps the manager reports in step with the order streams, from the events on Kafka. Idempotent
 * without a processed-message record: an event sets fields of its order's fact to what the event
 * says and the order's entry to what the fact says, so a redelivery or a replay writes the same
 * documents again (ReportProjection). Order event types it does not count are not subscribed.
 */
@Controller()
export class ReportProjector {
  constructor(private readonly projection: ReportProjection) {}

  @OnIdempotentEvent(
    OrderPlacedV1,
    OrderClaimedV1,
    OrderEscalatedV1,
    OrderRoutedV1,
    OrderCompletedV1,
    OrderCancelledV1,
    OrderRatedV1,
    OrderFollowUpRequestedV1,
    OrderFollowUpClosedV1,
    OrderHandedBackV1,
    OrderReassignedV1,
    // A confidential service's order counts too (counted-as.ts).
    OrderPlacedConfidentialV1,
    OrderRoutedConfidentialV1,
    OrderCompletedConfidentialV1,
    OrderCancelledConfidentialV1,
    // Completed by the station itself: counted as a completion.
    OrderCompletedV2,
    OrderCompletedConfidentialV2,
  )
  onOrderEvent(event: CloudEvent): Promise<void> {
    return this.projection.apply(event.type, event.data as OrderEventData);
  }
}
