import { connectTestDatabase, countCommands, dropTestDatabase, explainFind, orderPlacedEvent, usesIndex, waitFor } from '@lantern/testing';
import { CloudEvent } from '@lantern/contracts';
import { Connection, mongo } from 'mongoose';
import { RecordingSink } from '../test/memory-sink';
import { AggregateRepository } from './aggregate-repository';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store';
import { LEASE_MARGIN_MS, LEASE_USABLE_MS } from './outbox-markers';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxSweeper } from './outbox-sweeper';
import { storedEventModel } from './stored-event.model';
import { streamHeadModel } from './stream-head.model';
import { StreamHeads } from './stream-heads';

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

  it('keeps a head\'s events packed in one binary value, every field and type as stored, and still reads a head written before packing', async () => {
    const appended = orderPlacedEvent('packed-1');
    await store.append('packed-1', 0, [appended]);
    const raw = await streamHeadModel(connection).collection.findOne({ _id: 'packed-1' } as never);
    expect(raw?.packed).toBeInstanceOf(mongo.Binary);
    expect(raw?.events).toBeUndefined();

    // Read from the head alone (no catch-up probe), by a reader that has not seen the append.
    const fromPacked = await new StreamHeads(connection).read('packed-1', { catchUp: false });
    expect(fromPacked.events).toEqual([await storedEventModel(connection).findById('packed-1:1').lean()].map((event) => ({ ...event, publishedAt: expect.any(Date) })));
    expect(fromPacked.events[0]).toMatchObject({ type: appended.type, data: appended.data, time: expect.any(Date), publishedAt: expect.any(Date) });

    // The same head as written before packing: its events as objects.
    await streamHeadModel(connection).collection.replaceOne({ _id: 'packed-1' } as never, { version: 1, publishedVersion: 1, events: fromPacked.events, updatedAt: new Date() });
    expect(await new StreamHeads(connection).read('packed-1', { catchUp: false })).toEqual(fromPacked);
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

  it('a command on an existing stream costs four database commands — head, marker, insert, head — and two once this process has seen the stream and holds its marker as a lease', async () => {
    const repository = new AggregateRepository<{ count: number }>(store, { initial: () => ({ count: 0 }), apply: (state) => ({ count: state.count + 1 }) });
    for (let count = 0; count < 6; count += 1) await repository.execute('cost-1', () => [orderPlacedEvent('cost-1')]);
    const markers = connection.collection('outbox_markers');
    const counted = await countCommands(connection, async (monitored) => {
      const publisher = new OutboxPublisher(monitored, sink);
      const monitoredRepository = new AggregateRepository(new EventStore(monitored, publisher), { initial: () => 0, apply: (count: number) => count + 1 });
      await monitoredRepository.execute('cost-1', () => [orderPlacedEvent('cost-1')]);
      await monitoredRepository.execute('cost-1', () => [orderPlacedEvent('cost-1'), orderPlacedEvent('cost-1')]);
      // One marker, written by the first append, covers the second: it stays while the lease is in use.
      expect(await markers.find({ _id: { $in: ['cost-1:7', 'cost-1:8', 'cost-1:9'] } } as never).toArray()).toEqual([
        expect.objectContaining({ _id: 'cost-1:7', streamId: 'cost-1', version: 7, validUntil: expect.any(Date) }),
      ]);
      await publisher.markers.flushSettled();
      expect(await markers.countDocuments({ _id: 'cost-1:7' } as never)).toBe(1);
      // A process that appends no more (shutting down) deletes it.
      await publisher.markers.release();
      expect(await markers.countDocuments({ _id: 'cost-1:7' } as never)).toBe(0);
    });
    // Two events of one append are one insert.
    expect(counted).toEqual(['find stream_heads', 'update outbox_markers', 'insert events', 'update stream_heads', 'insert events', 'update stream_heads', 'delete outbox_markers']);
    expect((await store.load('cost-1')).map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a process killed after an append under its lease (no marker of its own): the sweeper publishes it, in order, and keeps the lease until it is over', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const crashing = new EventStore(monitored, new OutboxPublisher(monitored, sink));
      await crashing.append('lease-1', 0, [orderPlacedEvent('lease-1')]);
      // Its marker covers version 2 too; it dies between that insert and the publish.
      await expect(crashing.append('lease-1', 1, [orderPlacedEvent('lease-1')], { afterStore: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
    });
    expect(counted).toEqual(['update outbox_markers', 'insert events', 'update stream_heads', 'insert events']);
    expect(await connection.collection('outbox_markers').countDocuments({ streamId: 'lease-1' } as never)).toBe(1);
    expect(sink.published.filter((event) => event.subject === 'lease-1').map((event) => (event.data as { version: number }).version)).toEqual([1]);

    const sweeper = new OutboxSweeper(connection, new OutboxPublisher(connection, sink), { graceMs: 0 });
    const swept = await sweeper.sweepOnce();
    expect(swept.published).toBe(1);
    expect(sink.published.filter((event) => event.subject === 'lease-1').map((event) => (event.data as { version: number }).version)).toEqual([1, 2]);
    // Its writer may still append under it (it did not die, say): kept, and looked at again once over.
    expect(swept.tooYoung).toContain('lease-1:1');
    expect(swept.lookAgainInMs).toBeGreaterThan(LEASE_USABLE_MS);
    expect(await streamHeadModel(connection).findById('lease-1').lean()).toMatchObject({ version: 2, publishedVersion: 2 });
  });

  it('the sweeper deletes a lease once it is over, after publishing what its writer left behind', async () => {
    const writer = new EventStore(connection, new OutboxPublisher(connection, sink));
    await writer.append('lease-2', 0, [orderPlacedEvent('lease-2')]);
    await expect(writer.append('lease-2', 1, [orderPlacedEvent('lease-2')], { afterStore: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
    const markers = connection.collection('outbox_markers');
    // As if two minutes had passed since it was written.
    const longAgo = new Date(Date.now() - LEASE_USABLE_MS - LEASE_MARGIN_MS - 1_000);
    await markers.updateOne({ _id: 'lease-2:1' } as never, { $set: { createdAt: longAgo, validUntil: new Date(Date.now() - 1_000) } });
    const swept = await new OutboxSweeper(connection, new OutboxPublisher(connection, sink), { graceMs: 0 }).sweepOnce();
    expect(swept.published).toBeGreaterThanOrEqual(1);
    expect(swept.tooYoung).not.toContain('lease-2:1');
    expect(sink.published.filter((event) => event.subject === 'lease-2').map((event) => (event.data as { version: number }).version)).toEqual([1, 2]);
    expect(await markers.countDocuments({ streamId: 'lease-2' } as never)).toBe(0);
  });

  it('a group join while the sweeper waits to look at markers it kept sweeps every marker: a writer that died meanwhile is published at once', async () => {
    const sweeper = new OutboxSweeper(connection, new OutboxPublisher(connection, sink), { graceMs: 60_000 });
    const markers = connection.collection('outbox_markers');
    // An append in flight elsewhere: too young to judge, kept and looked at again in a minute.
    await markers.insertOne({ _id: 'young-1:1', streamId: 'young-1', version: 1, createdAt: new Date() } as never);
    sweeper.start();
    // Meanwhile a replica dies between its insert and its publish, and the group rebalances.
    const dying = new EventStore(connection, new OutboxPublisher(connection, sink));
    await expect(dying.append('died-1', 0, [orderPlacedEvent('died-1')], { afterStore: () => Promise.reject(new Error('killed')) })).rejects.toThrow('killed');
    await markers.updateOne({ _id: 'died-1:1' } as never, { $set: { createdAt: new Date(Date.now() - 120_000) } });
    sweeper.requestSweep();
    try {
      await waitFor(() => sink.published.some((event) => event.subject === 'died-1'), { timeoutMs: 15_000, description: "the dead writer's event published by the group join's sweep" });
    } finally {
      await sweeper.stop();
      await markers.deleteOne({ _id: 'young-1:1' } as never);
    }
  });

  it('a writer that loses the first version of its new marker to another replica does not append under it: its next append writes a marker of its own', async () => {
    const winner = new EventStore(connection, new OutboxPublisher(connection, sink));
    const loserPublisher = new OutboxPublisher(connection, sink);
    const loser = new EventStore(connection, loserPublisher);
    await winner.append('lease-3', 0, [orderPlacedEvent('lease-3')]);
    await expect(loser.append('lease-3', 0, [orderPlacedEvent('lease-3')])).rejects.toBeInstanceOf(ConcurrencyError);
    const markers = connection.collection('outbox_markers');
    await loser.append('lease-3', 1, [orderPlacedEvent('lease-3')]);
    expect((await markers.find({ streamId: 'lease-3' } as never).toArray()).map((marker) => marker._id).sort()).toEqual(['lease-3:1', 'lease-3:2']);
    // On shutdown each deletes its own lease; the loser never deletes the one the winner holds.
    await loserPublisher.markers.release();
    expect((await markers.find({ streamId: 'lease-3' } as never).toArray()).map((marker) => marker._id)).toEqual(['lease-3:1']);
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

  it('a reader of a stream this process is appending to waits for the append (its publish held up) and answers from memory, sending nothing', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowSink = new (class extends RecordingSink {
      override async publish(topic: string, events: CloudEvent[]): Promise<void> {
        await held;
        await super.publish(topic, events);
      }
    })();
    let stored = () => undefined as void;
    const insertDone = new Promise<void>((resolve) => (stored = resolve));
    const counted = await countCommands(connection, async (monitored) => {
      const oneProcess = new EventStore(monitored, new OutboxPublisher(monitored, slowSink));
      const appending = oneProcess.append('in-flight-1', 0, [orderPlacedEvent('in-flight-1')], { afterStore: stored });
      await insertDone;
      // The event is stored and its publish under way: a consumer checking the stream is ours, a GET reading it.
      const readers = Promise.all([oneProcess.has('in-flight-1', 1), oneProcess.read('in-flight-1', { catchUp: false }), oneProcess.load('in-flight-1')]);
      release();
      const [has, read, loaded] = await readers;
      await appending;
      expect(has).toBe(true);
      expect(read.events.map((event) => event.version)).toEqual([1]);
      expect(read.publishedVersion).toBe(1);
      expect(loaded.map((event) => event.version)).toEqual([1]);
    });
    // The append's own commands; then the load's look past what the process knows. No head read, no probe of version 1.
    expect(counted).toEqual(['update outbox_markers', 'insert events', 'update stream_heads', 'find events']);
    expect(slowSink.published.map((event) => event.subject)).toEqual(['in-flight-1']);
  });

  it('a command opening a new stream reads nothing before its insert; opened again (a retry, another replica) it decides on the stream as stored and appends nothing', async () => {
    type Opened = { placements: number };
    const reducer = { initial: (): Opened => ({ placements: 0 }), apply: (state: Opened) => ({ placements: state.placements + 1 }) };
    const placeOnce = (state: Opened) => (state.placements > 0 ? [] : [orderPlacedEvent('open-1')]);
    const counted = await countCommands(connection, async (monitored) => {
      const opened = await new AggregateRepository(new EventStore(monitored, new OutboxPublisher(monitored, sink)), reducer).open('open-1', placeOnce);
      expect(opened).toMatchObject({ state: { placements: 1 }, version: 1 });
    });
    expect(counted).toEqual(['update outbox_markers', 'insert events', 'update stream_heads']);
    for (const replica of [store, new EventStore(connection, new OutboxPublisher(connection, sink))]) {
      const again = await new AggregateRepository(replica, reducer).open('open-1', placeOnce);
      expect(again).toMatchObject({ state: { placements: 1 }, version: 1, appended: [] });
    }
    expect((await store.load('open-1')).map((event) => event.version)).toEqual([1]);
    expect(sink.published.filter((event) => event.subject === 'open-1')).toHaveLength(1);
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

  it('first writes of a stream head that cross (a claim published while its offer still writes the head) both succeed: neither writer publishes again', async () => {
    const heads = new StreamHeads(connection);
    const streams = Array.from({ length: 10 }, (_, index) => `heads-race-${index}`);
    const events = await Promise.all(streams.map(async (streamId) => (await store.append(streamId, 0, [orderPlacedEvent(streamId)], { writeOnce: true }))[0]));
    // Two writers per stream, each stream's head written for the first time by both at once.
    const writes = await Promise.allSettled(events.flatMap((event) => [heads.write(event.streamId, [event], 1, new Date()), heads.write(event.streamId, [event], 1, new Date())]));
    expect(writes.filter((write) => write.status === 'rejected')).toEqual([]);
    for (const streamId of streams) expect(await streamHeadModel(connection).findById(streamId).lean()).toMatchObject({ version: 1, publishedVersion: 1 });
  });

  it('two appends of one stream in one process, the second deciding before the first has published: each event goes to Kafka once, in order', async () => {
    const oneProcess = new EventStore(connection, new OutboxPublisher(connection, sink));
    await oneProcess.append('same-process-1', 0, [orderPlacedEvent('same-process-1')], {
      // Between the first append's insert and its publish, a consumer of this process appends
      // after it, having read the stream without knowing whether Kafka has version 1.
      afterStore: async () => {
        await oneProcess.append('same-process-1', 1, [orderPlacedEvent('same-process-1')], { prior: { streamId: 'same-process-1', events: [], publishedVersion: 0 } });
      },
    });
    const versions = sink.published.filter((event) => event.subject === 'same-process-1').map((event) => (event.data as { version: number }).version);
    expect(versions).toEqual([1, 2]);
    expect(await streamHeadModel(connection).findById('same-process-1').lean()).toMatchObject({ version: 2, publishedVersion: 2 });
  });

  it('rejects data that breaks the contract before anything is written', async () => {
    const bad = orderPlacedEvent('bad-1');
    (bad.data as Record<string, unknown>).urgency = 'someday';
    await expect(store.append('bad-1', 0, [bad])).rejects.toThrow(/urgency/);
    expect(await store.load('bad-1')).toEqual([]);
  });
});
