import { EventStore, OutboxPublisher } from '@lantern/event-store';
import { Connection } from 'mongoose';
import { BenchResources } from './bench-infra';
import { growEventsTo } from './seed-events';

/**
 * An event store in a database of its own, publishing to the real Kafka through the real
 * `EventPublisher`. `size` tracks the documents in `events` (counting on FerretDB would scan).
 */
export interface EventStoreFixture {
  connection: Connection;
  outbox: OutboxPublisher;
  store: EventStore;
  size: number;
  growTo(target: number): Promise<void>;
}

export async function eventStoreFixture(resources: BenchResources): Promise<EventStoreFixture> {
  const [connection, publisher] = await Promise.all([resources.database('bench_events'), resources.publisher()]);
  const outbox = new OutboxPublisher(connection, publisher);
  const store = new EventStore(connection, outbox);
  await store.init();
  const fixture: EventStoreFixture = {
    connection,
    outbox,
    store,
    size: 0,
    async growTo(target) {
      fixture.size = await growEventsTo(connection, fixture.size, target);
    },
  };
  return fixture;
}
