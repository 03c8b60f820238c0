import { EventData, OrderPlacedV1 } from '@lantern/contracts';
import { Reducer, StoredEvent } from '@lantern/event-store';
import { OrderStatus } from './order-status';

export interface TimelineEntry {
  version: number;
  type: string;
  status: OrderStatus;
  at: string;
  /** Who caused it (an opaque subject id), when known. */
  actor: string | null;
}

export interface OrderState {
  exists: boolean;
  id: string;
  status: OrderStatus;
  residentId: string;
  serviceCode: string;
  category: string;
  privacy: 'public' | 'restricted' | 'confidential';
  urgency: 'normal' | 'urgent';
  placedBy: 'resident' | 'staff';
  stationId: string;
  villageId: string;
  fundedBy: string | null;
  placedAt: string;
  timeline: TimelineEntry[];
}

const entry = (event: StoredEvent, status: OrderStatus): TimelineEntry => ({
  version: event.version,
  type: event.type,
  status,
  at: event.time.toISOString(),
  actor: event.actor,
});

/** Folds an order's events into its current state and timeline. */
export const orderReducer: Reducer<OrderState> = {
  initial: () => ({ exists: false, timeline: [] }) as unknown as OrderState,
  apply(state, event) {
    switch (event.type) {
      case OrderPlacedV1.type: {
        const data = event.data as EventData<typeof OrderPlacedV1>;
        return {
          exists: true,
          id: data.orderId,
          status: 'PLACED',
          residentId: data.residentId,
          serviceCode: data.serviceCode,
          category: data.category,
          privacy: data.privacy,
          urgency: data.urgency,
          placedBy: data.placedBy,
          stationId: data.stationId,
          villageId: data.villageId,
          fundedBy: data.fundedBy,
          placedAt: data.placedAt,
          timeline: [entry(event, 'PLACED')],
        };
      }
      default:
        return state; // an event this version of the service does not know changes nothing
    }
  },
};
