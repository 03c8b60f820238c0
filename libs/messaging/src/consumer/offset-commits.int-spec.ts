import { CloudEventOf, OrderPlacedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Admin, Consumer } from 'kafkajs';
import { connectedPublisher, ConsumerApp, ORDERS_TOPIC, orderPlacedCloudEvent, startConsumerApp } from '../../test/kafka-fixtures';
import { EventPublisher } from '../publisher/event-publisher';
import { OnIdempotentEvent } from './on-event.decorator';

@Controller()
class SeenOrders {
  static seen = new Set<string>();

  @OnIdempotentEvent(OrderPlacedV1)
  async handle(@Payload() event: CloudEventOf<typeof OrderPlacedV1>): Promise<void> {
    SeenOrders.seen.add(event.data.orderId);
  }
}

@Module({ controllers: [SeenOrders] })
class SeenOrdersModule {}

/**
 * What the consumer commits (OffsetCommits): handled records in groups rather than one commit per
 * fetched batch, everything handled when it stops, and a new group's start position at once.
 */
describe('offset commits on real Kafka', () => {
  const groups = { grouped: uniqueName('commits-grouped'), onStop: uniqueName('commits-on-stop'), newGroup: uniqueName('commits-new-group') };
  let publisher: EventPublisher;
  let admin: Admin;
  const running = new Set<ConsumerApp>();

  beforeAll(async () => {
    let kafka;
    ({ kafka, publisher } = await connectedPublisher());
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all([...running].map((consumerApp) => consumerApp.stop()));
    await admin.disconnect();
    await publisher.disconnect();
  });

  async function start(group: string, commitIntervalMs?: number): Promise<ConsumerApp> {
    // The orders topic holds every earlier suite's events: the group starts at its end.
    const consumerApp = await startConsumerApp(SeenOrdersModule, 'offset-commits-test', { group, ...(commitIntervalMs === undefined ? {} : { commitIntervalMs }) });
    running.add(consumerApp);
    return consumerApp;
  }

  async function stop(consumerApp: ConsumerApp): Promise<void> {
    running.delete(consumerApp);
    await consumerApp.stop();
  }

  /** Whether the group's committed offsets are at the topic's ends, partition by partition. */
  async function committedToEnd(group: string): Promise<boolean> {
    const ends = await admin.fetchTopicOffsets(ORDERS_TOPIC);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [ORDERS_TOPIC] });
    return ends.every(({ partition, high }) => committed.partitions.find((p) => p.partition === partition)?.offset === high);
  }

  const place = (orderId: string) => publisher.publish(ORDERS_TOPIC, [orderPlacedCloudEvent(uniqueName('evt'), orderId)]);

  it('commits what it handled every interval, not after each record, and reaches the end', async () => {
    const group = groups.grouped;
    const consumerApp = await start(group);
    let commits = 0;
    consumerApp.server.unwrap<Consumer>().on('consumer.network.request', ({ payload }: { payload: { apiName: string } }) => {
      if (payload.apiName === 'OffsetCommit') commits += 1;
    });
    // One at a time, so that each fetch brings one record: kafkajs' own auto commit commits each.
    const orders = Array.from({ length: 30 }, () => uniqueName('one-by-one'));
    for (const orderId of orders) {
      await place(orderId);
      await waitFor(() => SeenOrders.seen.has(orderId), { description: `${orderId} handled` });
    }
    await waitFor(() => committedToEnd(group), { timeoutMs: 10_000, description: 'the group committed to the end' });
    // The first record of each of the topic's partitions is committed at once, the rest in groups.
    const partitions = (await admin.fetchTopicOffsets(ORDERS_TOPIC)).length;
    expect(commits).toBeLessThan(Math.min(30, partitions) + 12);
    expect(commits).toBeLessThan(30);
    await stop(consumerApp);
  });

  it('commits what it handled when it stops, however long its interval', async () => {
    const group = groups.onStop;
    const consumerApp = await start(group, 600_000);
    const orderId = uniqueName('same-partition');
    // The partition's first record is committed at once; the next five wait for the interval.
    for (let n = 0; n < 6; n += 1) await place(orderId);
    const last = uniqueName('marker');
    await publisher.publish(ORDERS_TOPIC, [{ ...orderPlacedCloudEvent(uniqueName('evt'), last), subject: orderId }]);
    await waitFor(() => SeenOrders.seen.has(last), { description: 'the last record handled' });
    expect(await committedToEnd(group)).toBe(false);
    await stop(consumerApp);
    expect(await committedToEnd(group)).toBe(true);
  });

  it('a new group that stops before its first record keeps its start: what comes meanwhile is handled after the restart', async () => {
    const group = groups.newGroup;
    await stop(await start(group));
    const meanwhile = uniqueName('while-down');
    await place(meanwhile);
    await start(group);
    await waitFor(() => SeenOrders.seen.has(meanwhile), { timeoutMs: 20_000, description: 'the record published while the group was down' });
  });
});
