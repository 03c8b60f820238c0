import { createKafka } from '@lantern/messaging';
import { uniqueName, waitFor } from '@lantern/testing';
import { Admin, AssignerProtocol } from 'kafkajs';
import { benchInfra, BenchResources } from '../lib/bench-infra';
import { withDeadline } from '../lib/deadline';

const POLL_MS = 100;
/** One look at the groups (describe, topic ends, committed offsets): a few requests to the broker. */
const LOOK_DEADLINE_MS = 30_000;
/** A short-lived member joining a group of stopped services, committing and leaving. */
const SKIP_DEADLINE_MS = 60_000;
type Offsets = Map<string, Map<number, number>>;

async function topicEnds(admin: Admin, topics: string[]): Promise<Offsets> {
  const ends: Offsets = new Map();
  for (const topic of topics) {
    const partitions = await admin.fetchTopicOffsets(topic);
    ends.set(topic, new Map(partitions.map(({ partition, high }) => [partition, Number(high)])));
  }
  return ends;
}

/**
 * How many records the services' consumer groups have not handled yet. A handler publishes what
 * it causes before its offset is committed, so when every group has caught up at one moment the
 * cascade a journey started (notifications, matching's workload, volunteers' hours…) is over:
 * its cost falls inside the step that caused it, not into the next step or the idle window.
 */
export class ConsumerLag {
  private constructor(
    private readonly admin: Admin,
    private readonly groups: string[],
    /** Where the groups started (they start at the end of each topic): for partitions they never committed on. */
    private readonly starts: Offsets,
  ) {}

  /** Call once the groups have joined: their start is "the end of every topic now". */
  static async open(resources: BenchResources, groups: string[]): Promise<ConsumerLag> {
    const admin = createKafka({ clientId: uniqueName('bench-lag'), brokers: benchInfra().kafkaBrokers }).admin();
    await admin.connect();
    resources.onClose('consumer lag admin', () => admin.disconnect());
    const lag = new ConsumerLag(admin, groups, new Map());
    const assigned = await waitFor(async () => {
      const topics = await lag.assignedTopics();
      return topics.size === groups.length ? topics : undefined;
    }, { timeoutMs: 30_000, intervalMs: POLL_MS, description: 'every service consumer group to be stable' });
    const starts = await topicEnds(admin, [...new Set([...assigned.values()].flat())]);
    return new ConsumerLag(admin, groups, starts);
  }

  /** Topics each group's members are assigned (undefined for a group that is rebalancing). */
  private async assignedTopics(): Promise<Map<string, string[]>> {
    const { groups } = await this.admin.describeGroups(this.groups);
    const assigned = new Map<string, string[]>();
    for (const group of groups) {
      if (group.state !== 'Stable') continue;
      const topics = group.members.flatMap((member) => Object.keys(AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {}));
      assigned.set(group.groupId, [...new Set(topics)]);
    }
    return assigned;
  }

  /** Records published but not yet handled, summed over the groups; Infinity while one rebalances. */
  async pending(): Promise<number> {
    const assigned = await this.assignedTopics();
    if (assigned.size < this.groups.length) return Infinity;
    const ends = await topicEnds(this.admin, [...new Set([...assigned.values()].flat())]);
    let pending = 0;
    for (const [groupId, topics] of assigned) {
      for (const { topic, partitions } of await this.admin.fetchOffsets({ groupId, topics })) {
        for (const { partition, offset } of partitions) {
          const committed = Number(offset);
          const from = committed >= 0 ? committed : (this.starts.get(topic)?.get(partition) ?? 0);
          pending += Math.max(0, (ends.get(topic)?.get(partition) ?? 0) - from);
        }
      }
    }
    return pending;
  }

  /**
   * While the services are stopped: moves each group's committed offsets to the end of every topic
   * it has consumed, so that what other runs and tests published meanwhile on the shared broker is
   * not worked off after the restart (the groups are this run's own; its own records were all
   * handled before the stop, and a new group starts at the end anyway, CONSUMER_START_FROM=latest).
   * One short-lived member per group commits the ends; kafkajs's admin.resetOffsets would join the
   * group once per topic (~4 s each, 90 s for the five groups).
   */
  async skipBacklog(): Promise<void> {
    const kafka = createKafka({ clientId: uniqueName('bench-skip'), brokers: benchInfra().kafkaBrokers });
    await Promise.all(
      this.groups.map((groupId) => withDeadline(`consumer group ${groupId} to be moved to the end of its topics`, SKIP_DEADLINE_MS, (signal) => this.skipGroupBacklog(kafka, groupId, signal))),
    );
  }

  private async skipGroupBacklog(kafka: ReturnType<typeof createKafka>, groupId: string, signal: AbortSignal): Promise<void> {
    const topics = (await this.admin.fetchOffsets({ groupId })).map(({ topic }) => topic);
    if (topics.length === 0) return;
    const consumer = kafka.consumer({ groupId });
    signal.addEventListener('abort', () => void consumer.disconnect().catch(() => undefined)); // given up: leave the group
    await consumer.connect();
    try {
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.subscribe({ topics });
      await consumer.run({ autoCommit: false, eachBatch: async () => undefined });
      consumer.pause(topics.map((topic) => ({ topic })));
      await joined;
      const ends = await topicEnds(this.admin, topics);
      await consumer.commitOffsets([...ends].flatMap(([topic, partitions]) => [...partitions].map(([partition, offset]) => ({ topic, partition, offset: String(offset) }))));
    } finally {
      await consumer.disconnect();
    }
  }

  /**
   * Polls until nothing is pending; says how long that took, or that the deadline passed first
   * (then `progress` hears what was waited for and how far behind the groups still were).
   */
  async waitUntilCaughtUp(timeoutMs: number, what: string, progress: (message: string) => void): Promise<{ caughtUp: boolean; waitedMs: number; pending: number }> {
    const started = Date.now();
    for (;;) {
      const pending = await withDeadline(`the consumer groups' offsets and the topics' ends (${this.groups.join(', ')})`, LOOK_DEADLINE_MS, this.pending());
      if (pending === 0) return { caughtUp: true, waitedMs: Date.now() - started, pending };
      if (Date.now() - started > timeoutMs) {
        progress(`  gave up after ${timeoutMs / 1000} s waiting for the services' consumers to catch up (${what}): ${pending === Infinity ? 'a group still rebalancing' : `${pending} records not handled yet`}; going on`);
        return { caughtUp: false, waitedMs: Date.now() - started, pending };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
