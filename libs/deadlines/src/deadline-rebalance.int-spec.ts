import { createLogger } from '@lantern/logging';
import { ensureTopics, EventPublisher, GroupJoin, GroupJoinListeners, LanternKafkaServer } from '@lantern/messaging';
import { dropDatabases, testKafka, uniqueName, waitFor } from '@lantern/testing';
import { INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeadlineReplica, isReloadScan, notByIdOrReload, startReplica } from '../test/deadline-replica';
import { Deadline } from './deadline.model';

/** No event handlers: the consumer is there for its group membership. */
@Module({})
class NoHandlersModule {}

/**
 * Two replicas of a service as the platform wires them: each has a consumer in the service's
 * group, and each join of that group (start-up, rebalance) reloads the replica's deadlines.
 */
describe('a deadline only its scheduler knew, when that replica goes away', () => {
  const group = uniqueName('deadlines-rebalance');
  const kafka = testKafka();
  let publisher: EventPublisher;
  const apps: INestMicroservice[] = [];
  const replicas: DeadlineReplica[] = [];

  beforeAll(async () => {
    await ensureTopics(kafka, { partitions: 6, consumerGroups: [group] });
    publisher = new EventPublisher(kafka);
    await publisher.connect();
  });

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const replica of replicas) await replica.close().catch(() => undefined);
    await publisher.disconnect();
    await dropDatabases(...new Set(replicas.map((replica) => replica.database)));
  });

  async function replicaInGroup(fired: { by: string; id: string; at: number }[], name: string, database?: string) {
    const replica = await startReplica({ k: async (deadline: Deadline) => void fired.push({ by: name, id: deadline._id, at: Date.now() }) }, { database });
    replicas.push(replica);
    const joins: GroupJoin[] = [];
    const groupJoins = new GroupJoinListeners();
    groupJoins.add((join) => void joins.push(join));
    groupJoins.add(() => replica.poller.reload());
    const server = new LanternKafkaServer({
      kafka,
      group,
      publisher,
      retry: { maxAttempts: 1, retryTopicAttempts: 1, retryDelayMs: 100 },
      logger: createLogger('deadlines-rebalance', 'silent'),
      startFrom: 'latest',
      groupJoins,
    });
    const app = await NestFactory.createMicroservice(NoHandlersModule, { strategy: server, logger: false });
    apps.push(app);
    await app.listen();
    return { replica, joins, app };
  }

  it('fires once, on the survivor, which learns it on the rebalance the departure causes', async () => {
    const fired: { by: string; id: string; at: number }[] = [];
    const a = await replicaInGroup(fired, 'a');
    await waitFor(() => a.joins.length > 0, { timeoutMs: 30_000, description: 'A in its group' });
    const b = await replicaInGroup(fired, 'b', a.replica.database);
    // B's arrival rebalances the group: both are in it, with the partitions shared.
    await waitFor(() => b.joins.length > 0 && a.joins.length > 1, { timeoutMs: 30_000, description: 'the rebalance B causes' });
    await b.replica.poller.reload(); // whatever B's join started has finished

    const dueAt = new Date(Date.now() + 2000);
    await a.replica.deadlines.schedule({ id: 'only-a-knows', kind: 'k', aggregateId: 'x', dueAt });
    expect(b.replica.poller.pendingCount()).toBe(0);
    const scansBefore = b.replica.timerCommands().filter(isReloadScan).length;

    // A goes away before it is due (a deploy, a crash): its timer stops, it leaves the group.
    await a.replica.poller.stop();
    await a.app.close();

    await waitFor(() => fired.length > 0 && b.replica.poller.pendingCount() === 0, { timeoutMs: 30_000, description: 'the survivor to fire it' });
    expect(fired).toEqual([{ by: 'b', id: 'only-a-knows', at: expect.any(Number) }]);
    expect(fired[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(b.replica.timerCommands().filter(isReloadScan).length).toBeGreaterThan(scansBefore);
    expect(await b.replica.deadlines.find('only-a-knows')).toBeNull();
    expect(notByIdOrReload(b.replica.timerCommands())).toEqual([]);
  });
});
