import { EventData, FulfillerChangedV1 } from '@lantern/contracts';
import { NewEvent, Reducer } from '@lantern/event-store';
import { Fulfiller } from './fulfiller.model';

/**
 * Each directory entry is an event stream of its own (`fulfiller:{id}`, the Kafka key): a change
 * is an append at the next version, and the event carries the whole entry, so the services that
 * replicate the directory (orders routes against it) keep the highest version they saw. The
 * prefix keeps an entry's stream apart from the matching cases (stream id = order id).
 */
export const fulfillerStreamId = (fulfillerId: string) => `fulfiller:${fulfillerId}`;

export type FulfillerEntry = EventData<typeof FulfillerChangedV1> | null;

export const fulfillerReducer: Reducer<FulfillerEntry> = {
  initial: () => null,
  apply: (state, event) => (event.type === FulfillerChangedV1.type ? (event.data as EventData<typeof FulfillerChangedV1>) : state),
};

/** The event that makes the stream say `fulfiller`, or none when it says so already (a repeated PUT). */
export function changeTo(current: FulfillerEntry, fulfiller: Omit<Fulfiller, 'version'>): NewEvent[] {
  const { _id, type, name, stations, categories, active, updatedAt, updatedBy } = fulfiller;
  const entry = { type, name: { 'zh-CN': name['zh-CN'], en: name.en }, stations, categories, active };
  if (current && JSON.stringify(entry) === JSON.stringify({ type: current.type, name: current.name, stations: current.stations, categories: current.categories, active: current.active })) {
    return [];
  }
  return [{ type: FulfillerChangedV1.type, data: { fulfillerId: _id, ...entry, changedBy: updatedBy, changedAt: updatedAt.toISOString() } }];
}
