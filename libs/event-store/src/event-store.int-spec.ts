import { connectTestDatabase, countCommands, dropTestDatabase, explainFind, orderPlacedEvent, usesIndex, waitFor } from '@lantern/testing';
import { CloudEvent } from '@lantern/contracts';
import { Connection } from 'mongoose';
import { RecordingSink } from '../test/memory-sink';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store';
import { OutboxPublisher } from './outbox-publisher';
import { storedEventModel } from './stored-event.model';
import { streamHeadModel } from './stream-head.model';

/** A sink that refuses its first `failures` publishes, as an unreachable broker would. */
class FlakySink extends RecordingSink {
  constructor(private failures: number) {
    super();
  }
  override async publish(topic: string, events: CloudEvent[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unreachable');
    }
    await super.publish(topic, events);
  }
}

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

  it('writes every indexed field and records events published, in the stream head, once the sink accepted them', async () => {
    await store.append('fields-1', 0, [orderPlacedEvent('fields-1')]);
    const stored = await storedEventModel(connection).findById('fields-1:1').lean();
    expect(stored).toMatchObject({ streamId: 'fields-1', version: 1, type: 'lantern.order.placed.v1' });
    const head = await streamHeadModel(connection).findById('fields-1').lean();
    expect(head).toMatchObject({ version: 1, publishedVersion: 1 });
    expect((await store.load('fields-1'))[0].publishedAt).toBeInstanceOf(Date);
  });

  it('a head left behind by a writer that died after its insert: readers catch up past it, and a command deciding on it decides again on fresh state', async () => {
    const repository = new AggregateRepository<{ count: number }>(store, { initial: () => ({ count: 0 }), apply: (state) => ({ count: state.count + 1 }) });
    for (let count = 0; count < 3; count += 1) await repository.execute('behind-1', () => [orderPlacedEvent('behind-1')]);
    // Dies between the insert of version 4 and everything after it: no publish, no head write.
    await expect(store.append('behind-1', 3, [orderPlacedEvent('behind-1')], { afterStore: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');

    // Another replica, which has not seen the stream: its head says 3, its readers find 4.
    const replica = new EventStore(connection, new OutboxPublisher(connection, sink));
    expect((await replica.read('behind-1', { catchUp: false })).events).toHaveLength(3);
    expect((await new EventStore(connection, new OutboxPublisher(connection, sink)).load('behind-1')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
    // A rule that only the fresh state satisfies: the first, head-only attempt refuses, and is not believed.
    const decided: number[] = [];
    await new AggregateRepository<{ count: number }>(replica, { initial: () => ({ count: 0 }), apply: (state) => ({ count: state.count + 1 }) }).execute('behind-1', (state) => {
      decided.push(state.count);
      if (state.count !== 4) throw new Error(`expected 4 events, saw ${state.count}`);
      return [orderPlacedEvent('behind-1')];
    });
    expect(decided).toEqual([3, 4]);
    // Version 4 went out before 5, once, and the head holds all five as published.
    const versions = sink.published.filter((event) => event.subject === 'behind-1').map((event) => (event.data as { version: number }).version);
    expect(versions).toEqual([1, 2, 3, 4, 5]);
    expect(await streamHeadModel(connection).findById('behind-1').lean()).toMatchObject({ version: 5, publishedVersion: 5 });
  });

  it('a replica deciding on what it saw last after another replica appended loses its insert and decides again on the fresh stream', async () => {
    const counter = { initial: () => ({ count: 0 }), apply: (state: { count: number }) => ({ count: state.count + 1 }) };
    const replicaA = new AggregateRepository(new EventStore(connection, new OutboxPublisher(connection, sink)), counter);
    const replicaB = new AggregateRepository(new EventStore(connection, new OutboxPublisher(connection, sink)), counter);
    for (let count = 0; count < 2; count += 1) await replicaA.execute('replicas-1', () => [orderPlacedEvent('replicas-1')]);
    await replicaB.execute('replicas-1', () => [orderPlacedEvent('replicas-1')]);
    const decided: number[] = [];
    await replicaA.execute('replicas-1', (state) => {
      decided.push(state.count);
      return [orderPlacedEvent('replicas-1')];
    });
    // A remembered two events; the stream had three: its insert at version 3 lost, and it decided again.
    expect(decided).toEqual([2, 3]);
    expect((await store.load('replicas-1')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
    const versions = sink.published.filter((event) => event.subject === 'replicas-1').map((event) => (event.data as { version: number }).version);
    expect(versions).toEqual([1, 2, 3, 4]);
  });

  it('a command on an existing stream costs four database commands — head, marker, insert, head — and three once this process has seen the stream; markers are deleted in batches', async () => {
    const repository = new AggregateRepository<{ count: number }>(store, { initial: () => ({ count: 0 }), apply: (state) => ({ count: state.count + 1 }) });
    for (let count = 0; count < 6; count += 1) await repository.execute('cost-1', () => [orderPlacedEvent('cost-1')]);
    const markers = connection.collection('outbox_markers');
    const counted = await countCommands(connection, async (monitored) => {
      const publisher = new OutboxPublisher(monitored, sink);
      const monitoredRepository = new AggregateRepository(new EventStore(monitored, publisher), { initial: () => 0, apply: (count: number) => count + 1 });
      await monitoredRepository.execute('cost-1', () => [orderPlacedEvent('cost-1')]);
      await monitoredRepository.execute('cost-1', () => [orderPlacedEvent('cost-1')]);
      // Both published: their markers wait to be deleted together.
      const ours = { _id: { $in: ['cost-1:7', 'cost-1:8'] } } as never;
      expect(await markers.countDocuments(ours)).toBe(2);
      await publisher.markers.flushSettled();
      expect(await markers.countDocuments(ours)).toBe(0);
    });
    const append = ['update outbox_markers', 'insert events', 'update stream_heads'];
    expect(counted).toEqual(['find stream_heads', ...append, ...append, 'delete outbox_markers']);
  });

  it('a reader of a stream this process saw last looks only for a version past it; one another replica appended to is read from its head', async () => {
    const sinkOf = () => new OutboxPublisher(connection, sink);
    const writer = new EventStore(connection, sinkOf());
    await writer.append('seen-1', 0, [orderPlacedEvent('seen-1'), orderPlacedEvent('seen-1')]);
    const counted = await countCommands(connection, async (monitored) => {
      const reader = new EventStore(monitored, new OutboxPublisher(monitored, sink));
      expect((await reader.load('seen-1')).map((event) => event.version)).toEqual([1, 2]);
      expect((await reader.load('seen-1')).map((event) => event.version)).toEqual([1, 2]);
      await writer.append('seen-1', 2, [orderPlacedEvent('seen-1')]);
      const after = await reader.read('seen-1', { catchUp: true });
      expect(after.events.map((event) => event.version)).toEqual([1, 2, 3]);
      expect(after.publishedVersion).toBe(3);
    });
    const firstRead = ['find stream_heads', 'find events'];
    // First read: head and a look past it. Second: a look past what it saw. After the other
    // writer's append: the look finds version 3 (and looks for 4), so the head is read again.
    expect(counted).toEqual([...firstRead, 'find events', 'find events', 'find events', ...firstRead]);
  });

  it('a write-once stream costs two commands — marker, insert — and no head; a reader finds its one event in three lookups', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const onceStore = new EventStore(monitored, new OutboxPublisher(monitored, sink));
      await onceStore.append('once-1', 0, [orderPlacedEvent('once-1')], { writeOnce: true });
    });
    expect(counted).toEqual(['update outbox_markers', 'insert events']);
    expect(sink.published.filter((event) => event.subject === 'once-1')).toHaveLength(1);
    expect(await streamHeadModel(connection).findById('once-1').lean()).toBeNull();
    const read = await countCommands(connection, async (monitored) => {
      const onceStore = new EventStore(monitored, new OutboxPublisher(monitored, sink));
      expect((await onceStore.load('once-1')).map((event) => event.version)).toEqual([1]);
    });
    expect(read).toEqual(['find stream_heads', 'find events', 'find events']);
    await expect(store.append('once-1', 1, [orderPlacedEvent('once-1')], { writeOnce: true })).rejects.toThrow(/version 0 only/);
  });

  it('a publish that fails is retried by the writer itself, from memory, until Kafka takes it', async () => {
    const flaky = new FlakySink(2);
    const flakyStore = new EventStore(connection, new OutboxPublisher(connection, flaky));
    await flakyStore.append('flaky-1', 0, [orderPlacedEvent('flaky-1')]);
    expect(flaky.published).toEqual([]);
    await waitFor(() => flaky.published.length === 1, { timeoutMs: 15_000, description: 'the retried publish' });
    await waitFor(async () => (await streamHeadModel(connection).findById('flaky-1').lean())?.publishedVersion === 1, { description: 'the head to record it' });
  });

  it('rejects data that breaks the contract before anything is written', async () => {
    const bad = orderPlacedEvent('bad-1');
    (bad.data as Record<string, unknown>).urgency = 'someday';
    await expect(store.append('bad-1', 0, [bad])).rejects.toThrow(/urgency/);
    expect(await store.load('bad-1')).toEqual([]);
  });
});
