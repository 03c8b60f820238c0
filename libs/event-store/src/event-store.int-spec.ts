import { connectTestDatabase, dropTestDatabase, explainFind, orderPlacedEvent, usesIndex, waitFor } from '@lantern/testing';
import { Connection } from 'mongoose';
import { RecordingSink } from '../test/memory-sink';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store';
import { OutboxPublisher } from './outbox-publisher';
import { storedEventModel } from './stored-event.model';

describe('event store on the real database', () => {
  let connection: Connection;
  let store: EventStore;
  let sink: RecordingSink;

  beforeAll(async () => {
    connection = await connectTestDatabase('es');
    sink = new RecordingSink();
    store = new EventStore(connection, new OutboxPublisher(connection, sink));
    await store.init();
  });
  afterAll(() => dropTestDatabase(connection));

  it('an event is found by its _id through an index, not a scan (stream loads and appends are _id lookups)', async () => {
    await store.append('indexed-1', 0, [orderPlacedEvent('indexed-1')]);
    // On FerretDB the launcher indexes a new collection's table within a fraction of a second.
    const plan = await waitFor(async () => {
      const explained = await explainFind(connection, 'events', { _id: 'indexed-1:1' });
      return usesIndex(explained) ? explained : null;
    }, { timeoutMs: 10_000, description: 'find({_id}) on events to use an index' });
    expect(usesIndex(plan)).toBe(true);
  });

  it('of 20 concurrent appends at the same version exactly one wins; the rest get ConcurrencyError', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, writer) => store.append('race-1', 0, [orderPlacedEvent('race-1', { residentId: `writer-${writer}` })])),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const loss of lost) expect(loss.reason).toBeInstanceOf(ConcurrencyError);
    const stream = await store.load('race-1');
    expect(stream.map((event) => event.version)).toEqual([1]);
    expect(sink.published.filter((event) => event.subject === 'race-1')).toHaveLength(1);
  });

  it('load → decide → append retries losers on fresh state, so 12 concurrent writers make versions 1..12 with no gap', async () => {
    // Each decision depends on the state it saw: the n-th successful writer must see n-1 events.
    const repository = new AggregateRepository<{ count: number }>(
      store,
      { initial: () => ({ count: 0 }), apply: (state) => ({ count: state.count + 1 }) },
      50,
    );
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        repository.execute('counter-1', (state) => {
          seen.push(state.count);
          return [orderPlacedEvent('counter-1')];
        }),
      ),
    );
    const stream = await store.load('counter-1');
    expect(stream.map((event) => event.version)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    expect(stream.map((event) => event.data.version)).toEqual(stream.map((event) => event.version));
  });

  it('writes every indexed field and marks events published once the sink accepted them', async () => {
    await store.append('fields-1', 0, [orderPlacedEvent('fields-1')]);
    const stored = await storedEventModel(connection).findById('fields-1:1').lean();
    expect(stored).toMatchObject({ streamId: 'fields-1', version: 1, type: 'lantern.order.placed.v1' });
    expect(stored?.publishedAt).toBeInstanceOf(Date);
  });

  it('rejects data that breaks the contract before anything is written', async () => {
    const bad = orderPlacedEvent('bad-1');
    (bad.data as Record<string, unknown>).urgency = 'someday';
    await expect(store.append('bad-1', 0, [bad])).rejects.toThrow(/urgency/);
    expect(await store.load('bad-1')).toEqual([]);
  });
});
