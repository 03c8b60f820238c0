import { retryTopicFor } from '@lantern/contracts';
import { createLogger } from '@lantern/logging';
import { uniqueName, waitFor } from '@lantern/testing';
import { INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connectedPublisher } from '../../test/kafka-fixtures';
import { EventPublisher } from '../publisher/event-publisher';
import { GroupJoin, GroupJoinListeners } from './group-join-listeners';
import { LanternKafkaServer } from './lantern-kafka.server';

/** No handlers: the runner consumes only its group's retry topic, which is all a join needs. */
@Module({})
class NoHandlersModule {}

describe('group join listeners on real Kafka', () => {
  const group = uniqueName('joins-test');
  const retryTopic = retryTopicFor(group);
  let kafka: Awaited<ReturnType<typeof connectedPublisher>>['kafka'];
  let publisher: EventPublisher;
  const apps: INestMicroservice[] = [];

  beforeAll(async () => {
    ({ kafka, publisher } = await connectedPublisher([group]));
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await publisher.disconnect();
  });

  async function startReplica(groupJoins?: GroupJoinListeners): Promise<{ server: LanternKafkaServer; app: INestMicroservice }> {
    const server = new LanternKafkaServer({
      kafka,
      group,
      publisher,
      retry: { maxAttempts: 1, retryTopicAttempts: 1, retryDelayMs: 100 },
      logger: createLogger('joins-test', 'silent'),
      startFrom: 'latest',
      groupJoins,
    });
    const app = await NestFactory.createMicroservice(NoHandlersModule, { strategy: server, logger: false });
    apps.push(app);
    return { server, app };
  }

  const partitionsOf = (join: GroupJoin | undefined) => [...(join?.assignment[retryTopic] ?? [])].sort((a, b) => a - b);

  it('each replica is told when it joins, and again on every rebalance, with the partitions it now has; a failing listener does not stop the consumer', async () => {
    const joinsOfA: GroupJoin[] = [];
    const a = await startReplica();
    a.server.onGroupJoin(() => {
      throw new Error('a listener that fails');
    });
    a.server.onGroupJoin((join) => void joinsOfA.push(join));
    await a.app.listen();
    const all = partitionsOf(await waitFor(() => joinsOfA[0], { timeoutMs: 30_000, description: 'the first join' }));
    expect(all.length).toBeGreaterThan(1);
    expect(joinsOfA[0]).toMatchObject({ groupId: group, isLeader: true, memberId: expect.any(String) });
    expect(a.server.isRunning()).toBe(true);

    // A second replica, wired through a list made before its server (as the platform does).
    const joinsOfB: GroupJoin[] = [];
    const listOfB = new GroupJoinListeners();
    listOfB.add((join) => void joinsOfB.push(join));
    const b = await startReplica(listOfB);
    await b.app.listen();
    await waitFor(() => joinsOfB.length > 0 && joinsOfA.length > 1 && partitionsOf(joinsOfA.at(-1)).length < all.length, {
      timeoutMs: 30_000,
      description: 'the rebalance that shares the partitions',
    });
    const [shareOfA, shareOfB] = [partitionsOf(joinsOfA.at(-1)), partitionsOf(joinsOfB.at(-1))];
    expect([...shareOfA, ...shareOfB].sort((x, y) => x - y)).toEqual(all);

    // B leaves: A is told again, and has every partition back.
    const joinsBeforeLeave = joinsOfA.length;
    await b.app.close();
    await waitFor(() => joinsOfA.length > joinsBeforeLeave && partitionsOf(joinsOfA.at(-1)).length === all.length, {
      timeoutMs: 30_000,
      description: 'the rebalance after B left',
    });
    expect(a.server.isRunning()).toBe(true);
  });
});
