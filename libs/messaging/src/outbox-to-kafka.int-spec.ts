import { EventStore, OutboxPublisher, OutboxSweeper } from '@lantern/event-store';
import { connectTestDatabase, dropTestDatabase, EventProbe, orderPlacedEvent, testInfra, uniqueName, waitFor } from '@lantern/testing';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Connection } from 'mongoose';
import { connectedPublisher, ORDERS_TOPIC } from '../test/kafka-fixtures';
import { EventPublisher } from './publisher/event-publisher';

const repoRoot = join(__dirname, '..', '..', '..');

describe('outbox to real Kafka', () => {
  let connection: Connection;
  let publisher: EventPublisher;
  let probe: EventProbe;

  beforeAll(async () => {
    connection = await connectTestDatabase('outbox');
    ({ publisher } = await connectedPublisher());
    probe = await EventProbe.start([ORDERS_TOPIC]);
  });
  afterAll(async () => {
    await probe.stop();
    await publisher.disconnect();
    await dropTestDatabase(connection);
  });

  it('a process killed between the append and the publish: the sweeper publishes the event when it starts (as a restart or a rebalance starts it)', async () => {
    const streamId = uniqueName('crash');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/test/append-then-crash.ts', testInfra().mongoUrl, connection.name, streamId], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    const store = new EventStore(connection, new OutboxPublisher(connection, publisher));
    expect((await store.load(streamId)).map((event) => event.publishedAt)).toEqual([null]);
    expect(probe.events().filter((event) => event.subject === streamId)).toEqual([]);

    const sweeper = new OutboxSweeper(connection, new OutboxPublisher(connection, publisher), { graceMs: 0 });
    sweeper.start();
    try {
      const event = await probe.waitForEvent((candidate) => candidate.subject === streamId);
      expect(event).toMatchObject({ type: 'lantern.order.placed.v1', data: { orderId: streamId, version: 1 } });
      // A store answers from the snapshot it saw last (the stream did not grow), so a fresh one —
      // as another process would — reads what the sweeper stamped.
      const freshLoad = () => new EventStore(connection, new OutboxPublisher(connection, publisher)).load(streamId);
      await waitFor(async () => (await freshLoad())[0].publishedAt !== null, { description: 'the event to be marked published' });
    } finally {
      await sweeper.stop();
    }
    expect(probe.events().filter((event) => event.subject === streamId)).toHaveLength(1);
  });

  it('two publishers racing over one stream: duplicates at worst, never an inversion of first occurrences', async () => {
    const streamId = uniqueName('race');
    const outboxA = new OutboxPublisher(connection, publisher);
    const outboxB = new OutboxPublisher(connection, publisher);
    // Writer A appends and publishes after each append; B keeps publishing the stream's head.
    const store = new EventStore(connection, outboxA);
    let head = 0;
    let writing = true;
    const racerDeadline = Date.now() + 30_000;
    const racer = (async () => {
      while (writing && Date.now() < racerDeadline) {
        await outboxB.publishStream(streamId, head + 1).catch(() => undefined);
        // Yield to I/O and timers each lap: a publishStream that settles without any I/O must not
        // starve the writer (the loop would spin on microtasks and the test would hang, not fail).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let version = 1; version <= 25; version += 1) {
      await store.append(streamId, version - 1, [orderPlacedEvent(streamId)]);
      head = version;
    }
    writing = false;
    await racer;

    const versions = () => probe.events().filter((event) => event.subject === streamId).map((event) => (event.data as { version: number }).version);
    await waitFor(() => new Set(versions()).size === 25, { description: 'all 25 versions on the topic' });
    const firstOccurrences = versions().filter((version, index, all) => all.indexOf(version) === index);
    expect(firstOccurrences).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    // Every record of the stream went to one partition, keyed by the stream id.
    const records = probe.records.filter((record) => record.key === streamId);
    expect(new Set(records.map((record) => record.partition)).size).toBe(1);
  });
});
