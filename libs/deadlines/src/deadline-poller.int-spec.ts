import { ConcurrencyError, EventStore, OutboxPublisher } from '@lantern/event-store';
import { connectTestDatabase, dropTestDatabase, orderPlacedEvent } from '@lantern/testing';
import { Connection } from 'mongoose';
import { DeadlinePoller } from './deadline-poller';
import { Deadlines } from './deadlines';

describe('deadlines on the real database', () => {
  let connection: Connection;
  let deadlines: Deadlines;
  let store: EventStore;

  beforeAll(async () => {
    connection = await connectTestDatabase('deadlines');
    deadlines = new Deadlines(connection);
    await deadlines.init();
    store = new EventStore(connection, new OutboxPublisher(connection, { publish: async () => undefined }));
    await store.init();
  });
  afterAll(() => dropTestDatabase(connection));

  it('a deadline polled by two replicas at once takes effect exactly once', async () => {
    await store.append('order-x', 0, [orderPlacedEvent('order-x')]);
    await deadlines.schedule({ id: 'sla:order-x:1', kind: 'sla', aggregateId: 'order-x', dueAt: new Date(Date.now() - 1), payload: { expectedVersion: 1 } });
    // Setting it again (a redelivered command) changes nothing.
    await deadlines.schedule({ id: 'sla:order-x:1', kind: 'sla', aggregateId: 'order-x', dueAt: new Date(Date.now() + 60_000), payload: { expectedVersion: 1 } });

    let effects = 0;
    const handler = async (deadline: { aggregateId: string; payload: Record<string, unknown> }) => {
      try {
        await store.append(deadline.aggregateId, deadline.payload.expectedVersion as number, [orderPlacedEvent(deadline.aggregateId)]);
        effects += 1;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error; // the other replica fired it
      }
    };
    const replicas = [new DeadlinePoller(deadlines, { intervalMs: 10 }), new DeadlinePoller(deadlines, { intervalMs: 10 })];
    replicas.forEach((replica) => replica.register('sla', handler));
    await Promise.all(replicas.map((replica) => replica.pollOnce()));

    expect(effects).toBe(1);
    expect((await store.load('order-x')).map((event) => event.version)).toEqual([1, 2]);
    expect(await deadlines.find('sla:order-x:1')).toBeNull();
  });

  it('twenty due deadlines polled by three replicas at once, with handlers that take a while: each fires exactly once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `busy:${i}:${Date.now()}`);
    for (const id of ids) await deadlines.schedule({ id, kind: 'busy', aggregateId: id, dueAt: new Date(Date.now() - 1) });
    const fired: string[] = [];
    const replicas = [1, 2, 3].map(() => new DeadlinePoller(deadlines, { intervalMs: 10 }));
    for (const replica of replicas) {
      replica.register('busy', async (deadline) => {
        fired.push(deadline._id);
        // A handler doing real work (an HTTP call, say): the other replicas poll meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
    }
    const handled = await Promise.all(replicas.map((replica) => replica.pollOnce()));

    expect([...fired].sort()).toEqual([...ids].sort());
    expect(handled.reduce((sum, count) => sum + count, 0)).toBe(20);
    for (const id of ids) expect(await deadlines.find(id)).toBeNull();
    expect(await connection.collection('deadline_firings').countDocuments({ deadlineId: { $in: ids } })).toBe(0);
  });

  it('a claim held by a replica that died keeps others off only until its lease runs out', async () => {
    const id = `orphaned:${Date.now()}`;
    await deadlines.schedule({ id, kind: 'orphaned', aggregateId: id, dueAt: new Date(Date.now() - 1) });
    // The dead replica claimed it 10 s ago and never finished.
    expect(await deadlines.claim(id, new Date(Date.now() - 10_000), 60_000)).toBe(`${id}#0`);
    let fired = 0;
    const patient = new DeadlinePoller(deadlines, { intervalMs: 10, leaseMs: 60_000 });
    patient.register('orphaned', async () => void (fired += 1));
    expect(await patient.pollOnce()).toBe(0);
    expect(await deadlines.find(id)).not.toBeNull();

    const afterLease = new DeadlinePoller(deadlines, { intervalMs: 10, leaseMs: 5_000 });
    afterLease.register('orphaned', async () => void (fired += 1));
    expect(await afterLease.pollOnce()).toBe(1);
    expect(fired).toBe(1);
    expect(await deadlines.find(id)).toBeNull();
  });

  it('a cancelled deadline never fires; a failing handler is retried on the next poll', async () => {
    await deadlines.schedule({ id: 'cancel-me', kind: 'k', aggregateId: 'a', dueAt: new Date(Date.now() - 1) });
    await deadlines.cancel('cancel-me');
    await deadlines.schedule({ id: 'flaky', kind: 'k', aggregateId: 'b', dueAt: new Date(Date.now() - 1) });
    const seen: string[] = [];
    let failOnce = true;
    const poller = new DeadlinePoller(deadlines, { intervalMs: 10 });
    poller.register('k', async (deadline) => {
      seen.push(deadline._id);
      if (failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
    });
    expect(await poller.pollOnce()).toBe(0);
    expect(await poller.pollOnce()).toBe(1);
    expect(seen).toEqual(['flaky', 'flaky']);
    expect(await deadlines.find('flaky')).toBeNull();
  });

  it('nothing fires before it is due', async () => {
    await deadlines.schedule({ id: 'later', kind: 'later', aggregateId: 'c', dueAt: new Date(Date.now() + 60_000) });
    const poller = new DeadlinePoller(deadlines, { intervalMs: 10 });
    let fired = false;
    poller.register('later', async () => void (fired = true));
    await poller.pollOnce();
    expect(fired).toBe(false);
  });
});
