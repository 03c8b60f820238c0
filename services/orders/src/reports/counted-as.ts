import {
  OrderCancelledConfidentialV1,
  OrderCancelledV1,
  OrderCompletedConfidentialV1,
  OrderCompletedConfidentialV2,
  OrderCompletedV1,
  OrderCompletedV2, OrderPlacedConfidentialV1, OrderPlacedV1, OrderRoutedConfidentialV1, OrderRoutedV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';

/** An order event's data as the reports take it. */
export type OrderEventData = Record<string, unknown> & { orderId: string; version: number };

/** Each `-confidential` twin counts as its namesake (a completion by the station itself, .v2, as the .v2 completion). */
const NAMESAKES: Record<string, string> = {
  [OrderPlacedConfidentialV1.type]: OrderPlacedV1.type,
  [OrderCancelledConfidentialV1.type]: OrderCancelledV1.type,
  [OrderRoutedConfidentialV1.type]: OrderRoutedV1.type,
  [OrderCompletedConfidentialV1.type]: OrderCompletedV1.type,
  [OrderCompletedConfidentialV2.type]: OrderCompletedV2.type,
};

/**
 * A confidential service's order counts in the reports like any other: its placement's resident
 * and service are read from the order's own stream (kept there, never published); a cancellation
 * without `cancelledBy` was the resident's. Other events pass as they are.
 */
export async function countedAs(type: string, data: OrderEventData, events: EventStore): Promise<[string, OrderEventData]> {
  const namesake = NAMESAKES[type];
  if (!namesake) return [type, data];
  if (type === OrderPlacedConfidentialV1.type) {
    const placement = (await events.load(data.orderId)).find((event) => event.version === data.version);
    return [namesake, { ...data, ...(placement?.internal ?? {}) }];
  }
  if (type === OrderCancelledConfidentialV1.type) {
    return [namesake, { ...data, residentId: data.residentRef, cancelledBy: data.cancelledBy ?? data.residentRef }];
  }
  return [namesake, data];
}
