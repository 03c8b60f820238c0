import { ConcurrencyError, EventStore, OutboxPublisher } from '@lantern/event-store';
import { dropDatabases, orderPlacedEvent, waitFor } from '@lantern/testing';
import { DeadlineReplica, isReloadScan, notByIdOrReload, startReplica, summarize } from '../test/deadline-replica';
import { Deadline } from './deadline.model';
import { DeadlineHandler, DeadlinePollerOptions } from './deadline-poller';

const inMs = (ms: number) => new Date(Date.now() + ms);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deadlines fired from memory, on the real database', () => {
  const replicas: DeadlineReplica[] = [];
  const databases = new Set<string>();

  async function replica(handlers: Record<string, DeadlineHandler>, options: DeadlinePollerOptions & { database?: string; start?: boolean } = {}) {
    const started = await startReplica(handlers, options);
    replicas.push(started);
    databases.add(started.database);
    return started;
  }

  afterEach(async () => {
    for (const started of replicas.splice(0)) await started.close().catch(() => undefined);
  });
  afterAll(() => dropDatabases(...databases));

  it('an idle replica sends no command until its earliest deadline is due; scheduling is one command, cancelling one, firing four — each by _id', async () => {
    const fired: { id: string; at: number }[] = [];
    const a = await replica({ k: async (deadline) => void fired.push({ id: deadline._id, at: Date.now() }) });
    expect(summarize(a.timerCommands())).toEqual(['find deadlines {}']); // the start-up reload

    a.commands.length = 0;
    const dueAt = inMs(3000);
    await a.deadlines.schedule({ id: 'soon', kind: 'k', aggregateId: 'x', dueAt });
    await a.deadlines.schedule({ id: 'much-later', kind: 'k', aggregateId: 'x', dueAt: inMs(600_000) });
    await a.deadlines.schedule({ id: 'cancelled', kind: 'k', aggregateId: 'x', dueAt: inMs(1000) });
    expect(summarize(a.commands)).toEqual(['findAndModify deadlines {_id}', 'findAndModify deadlines {_id}', 'findAndModify deadlines {_id}']);
    a.commands.length = 0;
    await a.deadlines.cancel('cancelled');
    expect(summarize(a.commands)).toEqual(['delete deadlines {_id}']);

    a.commands.length = 0;
    const idleFrom = Date.now();
    await waitFor(() => a.poller.pendingCount() === 1 && fired.length === 1, { timeoutMs: 15_000, description: 'the first deadline fired and done' });
    expect(fired).toEqual([{ id: 'soon', at: expect.any(Number) }]);
    expect(fired[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
    // Seconds with three deadlines pending (one of them cancelled) and not one command, on any collection.
    expect(dueAt.getTime() - idleFrom).toBeGreaterThan(1500);
    expect(a.commands.filter((command) => command.at < dueAt.getTime())).toEqual([]);
    expect(summarize(a.commands)).toEqual(['insert deadline_firings', 'find deadlines {_id}', 'delete deadlines {_id}', 'delete deadline_firings {_id}']);
  });

  it.each([2, 3])('twenty deadlines held by %i replicas at once, with handlers that take a while: each fires exactly once, and every command is by _id but the reloads', async (count) => {
    const fired: string[] = [];
    const busy = async (deadline: Deadline) => {
      fired.push(deadline._id);
      await pause(5); // a handler doing real work (an HTTP call, say): the other replicas go on meanwhile
    };
    // A short lease, so that the losers' look-ups at its end happen within the test.
    const first = await replica({ busy }, { leaseMs: 3000 });
    const others: DeadlineReplica[] = [];
    for (let index = 1; index < count; index += 1) others.push(await replica({ busy }, { leaseMs: 3000, database: first.database }));
    const all = [first, ...others];

    const dueAt = inMs(4000);
    const ids = Array.from({ length: 20 }, (_, index) => `busy:${index}`);
    for (const id of ids) await first.deadlines.schedule({ id, kind: 'busy', aggregateId: id, dueAt });
    // The others learn them as they would on a rebalance: now every replica holds all twenty.
    await Promise.all(others.map((other) => other.poller.reload()));
    expect(Date.now()).toBeLessThan(dueAt.getTime());
    for (const holder of all) expect(holder.poller.pendingCount()).toBe(20);

    await waitFor(() => all.every((holder) => holder.poller.pendingCount() === 0), { timeoutMs: 30_000, description: 'every replica done with every deadline' });
    expect([...fired].sort()).toEqual([...ids].sort());
    // Each replica tried to claim each deadline: the race took place, and the primary key decided it.
    for (const holder of all) expect(holder.timerCommands().filter((command) => command.name === 'insert').length).toBeGreaterThanOrEqual(ids.length);
    for (const holder of all) expect(notByIdOrReload(holder.timerCommands())).toEqual([]);
    expect(first.timerCommands().filter(isReloadScan)).toHaveLength(1);
    for (const other of others) expect(other.timerCommands().filter(isReloadScan)).toHaveLength(2);
    expect(await first.connection.collection('deadlines').countDocuments({})).toBe(0);
    expect(await first.connection.collection('deadline_firings').countDocuments({})).toBe(0);
  });

  it('a deadline held by two replicas takes effect once; setting it again keeps its first due time', async () => {
    let effects = 0;
    const sla = async (deadline: Deadline) => {
      try {
        await store.append(deadline.aggregateId, deadline.payload.expectedVersion as number, [orderPlacedEvent(deadline.aggregateId)]);
        effects += 1;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error; // the other replica fired it
      }
    };
    const a = await replica({ sla }, { leaseMs: 2000 });
    const b = await replica({ sla }, { leaseMs: 2000, database: a.database });
    const store = new EventStore(a.connection, new OutboxPublisher(a.connection, { publish: async () => undefined }));
    await store.init();
    await store.append('order-x', 0, [orderPlacedEvent('order-x')]);

    const dueAt = inMs(1500);
    await a.deadlines.schedule({ id: 'sla:order-x:1', kind: 'sla', aggregateId: 'order-x', dueAt, payload: { expectedVersion: 1 } });
    // Setting it again (a redelivered command) changes nothing: the replica remembers the stored time.
    await a.deadlines.schedule({ id: 'sla:order-x:1', kind: 'sla', aggregateId: 'order-x', dueAt: inMs(600_000), payload: { expectedVersion: 1 } });
    await b.poller.reload();

    await waitFor(() => [a, b].every((holder) => holder.poller.pendingCount() === 0), { timeoutMs: 20_000, description: 'both replicas done with it' });
    expect(effects).toBe(1);
    expect((await store.load('order-x')).map((event) => event.version)).toEqual([1, 2]);
    expect(await a.deadlines.find('sla:order-x:1')).toBeNull();
    for (const holder of [a, b]) expect(notByIdOrReload(holder.timerCommands())).toEqual([]);
  });

  it('one process setting the same deadline twice at once (a handler and the consumer of its event) writes it once; the first due time stands and fires once', async () => {
    const fired: string[] = [];
    const a = await replica({ k: async (deadline) => void fired.push(deadline._id) });
    a.commands.length = 0;
    const first = inMs(1500);
    await Promise.all([
      a.deadlines.schedule({ id: 'twice', kind: 'k', aggregateId: 'x', dueAt: first }),
      a.deadlines.schedule({ id: 'twice', kind: 'k', aggregateId: 'x', dueAt: inMs(600_000) }),
    ]);
    expect(summarize(a.commands)).toEqual(['findAndModify deadlines {_id}']);
    expect((await a.deadlines.find('twice'))?.dueAt.getTime()).toBe(first.getTime());
    // Once written, setting it again learns what is stored from the same command (it changes nothing).
    a.commands.length = 0;
    await a.deadlines.schedule({ id: 'twice', kind: 'k', aggregateId: 'x', dueAt: inMs(600_000) });
    expect(summarize(a.commands)).toEqual(['findAndModify deadlines {_id}']);
    await waitFor(() => (fired.length > 0 && a.poller.pendingCount() === 0 ? true : undefined), { timeoutMs: 20_000, description: 'the deadline fired' });
    expect(fired).toEqual(['twice']);
  });

  it('a claim held by a replica that died keeps the others off only until its lease runs out', async () => {
    const fired: string[] = [];
    const orphaned = async (deadline: Deadline) => void fired.push(deadline._id);
    // The dead replica scheduled it and claimed its firing 10 s ago, then never finished.
    const dead = await replica({ orphaned }, { start: false });
    const id = 'orphaned';
    await dead.deadlines.schedule({ id, kind: 'orphaned', aggregateId: id, dueAt: inMs(-20_000) });
    expect(await dead.deadlines.claim(id, inMs(-10_000), 60_000)).toMatchObject({ outcome: 'claimed', firingId: `${id}#0`, round: 0 });

    const patient = await replica({ orphaned }, { leaseMs: 60_000, database: dead.database });
    await waitFor(() => summarize(patient.timerCommands()).includes('find deadline_firings {_id}'), { description: 'the patient replica to find the claim held' });
    expect(fired).toEqual([]);
    expect(await patient.deadlines.find(id)).not.toBeNull();

    const afterLease = await replica({ orphaned }, { leaseMs: 5_000, database: dead.database });
    await waitFor(() => fired.length === 1 && afterLease.poller.pendingCount() === 0, { description: 'the deadline fired after the lease' });
    expect(fired).toEqual([id]);
    expect(await afterLease.deadlines.find(id)).toBeNull();
    expect(notByIdOrReload(afterLease.timerCommands())).toEqual([]);
    // Its claim and the dead replica's are both cleared, each by _id.
    expect(await afterLease.connection.collection('deadline_firings').countDocuments({})).toBe(0);
  });

  it('a replica that knew a deadline does not fire it once another replica cancelled it, or set it again for later', async () => {
    const fired: string[] = [];
    const k = async (deadline: Deadline) => void fired.push(deadline._id);
    // A short lease: a replica that loses the marker's claim looks it up again within the test.
    const a = await replica({ k }, { leaseMs: 2000 });
    const b = await replica({ k }, { leaseMs: 2000, database: a.database });
    await a.deadlines.schedule({ id: 'cancel-me', kind: 'k', aggregateId: 'x', dueAt: inMs(1500) });
    await a.deadlines.schedule({ id: 'moved', kind: 'k', aggregateId: 'x', dueAt: inMs(1500) });
    // Due after the two above: by the time a replica is done with it, it has tried them.
    await a.deadlines.schedule({ id: 'marker', kind: 'k', aggregateId: 'x', dueAt: inMs(2500) });
    await b.poller.reload();
    await a.deadlines.cancel('cancel-me');
    await a.deadlines.cancel('moved');
    await a.deadlines.schedule({ id: 'moved', kind: 'k', aggregateId: 'x', dueAt: inMs(600_000) });

    // Each replica ends up knowing only 'moved', at its new time.
    await waitFor(() => fired.includes('marker') && [a, b].every((holder) => holder.poller.pendingCount() === 1), { timeoutMs: 20_000, description: 'the marker fired and both replicas settled' });
    expect(fired).toEqual(['marker']);
    expect(await a.deadlines.find('moved')).toMatchObject({ dueAt: expect.any(Date) });
    for (const holder of [a, b]) expect(notByIdOrReload(holder.timerCommands())).toEqual([]);
  });

  it('a failing handler gives its claim back and is retried from memory, after a backoff that grows', async () => {
    const attempts: number[] = [];
    const a = await replica(
      {
        flaky: async () => {
          attempts.push(Date.now());
          if (attempts.length < 3) throw new Error('transient');
        },
      },
      { retryBaseMs: 300 },
    );
    await a.deadlines.schedule({ id: 'flaky', kind: 'flaky', aggregateId: 'b', dueAt: new Date() });

    await waitFor(() => attempts.length === 3 && a.poller.pendingCount() === 0, { timeoutMs: 15_000, description: 'the third attempt to succeed' });
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(300);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(600);
    expect(await a.deadlines.find('flaky')).toBeNull();
    // Released after each failure, so every attempt claimed round 0 afresh; nothing left behind.
    expect(summarize(a.timerCommands()).filter((command) => command.startsWith('insert'))).toHaveLength(3);
    expect(notByIdOrReload(a.timerCommands())).toEqual([]);
    expect(await a.connection.collection('deadline_firings').countDocuments({})).toBe(0);
  });

  it('resets of one new id racing on two replicas all succeed and leave one deadline (FerretDB\'s upsert is a find then an insert)', async () => {
    const a = await replica({});
    const b = await replica({}, { database: a.database });
    const ids = Array.from({ length: 5 }, (_, i) => `racing-${i}`);
    await Promise.all(
      ids.flatMap((id) => [a, b, a, b].map((writer, n) => writer.deadlines.reset({ id, kind: 'expiry', aggregateId: id, dueAt: inMs(60_000 + n) }))),
    );
    for (const id of ids) expect(await a.deadlines.find(id)).toMatchObject({ _id: id, kind: 'expiry' });
    expect(await a.connection.collection('deadlines').countDocuments({ _id: { $in: ids } } as never)).toBe(ids.length);
  });

  it('a deadline set anew for another purpose (reset, one update by _id) fires at its new time with its new kind\'s handler, also on a replica that remembered the old', async () => {
    const fired: string[] = [];
    const handlers = { first: async (deadline: Deadline) => void fired.push(`first:${deadline._id}`), second: async (deadline: Deadline) => void fired.push(`second:${deadline._id}`) };
    const a = await replica(handlers);
    const b = await replica(handlers, { database: a.database });
    await a.deadlines.schedule({ id: 'purpose', kind: 'first', aggregateId: 'x', dueAt: inMs(2000) });
    await b.poller.reload(); // b remembers it as kind `first`, due in 2 s
    a.commands.length = 0;
    await a.deadlines.reset({ id: 'purpose', kind: 'second', aggregateId: 'x', dueAt: inMs(4000) });
    expect(summarize(a.commands)).toEqual(['update deadlines {_id}']);
    // Stop a so that b, which still remembers `first` at the old time, is the one to fire it.
    await a.poller.stop();
    await waitFor(async () => (await b.deadlines.find('purpose')) === null, { timeoutMs: 20_000, description: 'the re-set deadline fired' });
    expect(fired).toEqual(['second:purpose']);
  });

  it('a deadline its handler sets anew while it fires is kept with its new time and fired again then; without that, it is deleted', async () => {
    const fired: string[] = [];
    const a = await replica({
      again: async (deadline) => {
        fired.push(`${deadline._id}:${deadline.payload.round}`);
        if (deadline.payload.round === 1) await a.deadlines.reset({ id: deadline._id, kind: 'again', aggregateId: 'x', dueAt: inMs(1000), payload: { round: 2 } });
      },
    });
    await a.deadlines.schedule({ id: 'twice-fired', kind: 'again', aggregateId: 'x', dueAt: inMs(500), payload: { round: 1 } });
    await waitFor(() => fired.length === 2 && a.poller.pendingCount() === 0, { timeoutMs: 20_000, description: 'both firings' });
    expect(fired).toEqual(['twice-fired:1', 'twice-fired:2']);
    await waitFor(async () => (await a.deadlines.find('twice-fired')) === null, { timeoutMs: 10_000, description: 'the second firing done' });
  });
});
