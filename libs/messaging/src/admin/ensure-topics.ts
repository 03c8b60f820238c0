import { deadLetterTopicFor, retryTopicFor, TOPICS } from '@lantern/contracts';
import { Kafka } from 'kafkajs';

export interface TopicPlan {
  partitions: number;
  /** Consumer groups whose retry and dead-letter topics must exist. */
  consumerGroups: string[];
  replicationFactor?: number;
}

/** Every topic a service touches, created explicitly (the broker never auto-creates). */
export function topicsFor(plan: TopicPlan): string[] {
  return [
    ...Object.values(TOPICS),
    ...plan.consumerGroups.flatMap((group) => [retryTopicFor(group), deadLetterTopicFor(group)]),
  ];
}

/**
 * Creates whatever is missing and waits until every topic has a leader and the consumer groups'
 * coordinator answers. Replicas of several
 * services start together on a fresh broker and race to create the same topics; losing that
 * race (topic already exists, metadata not yet propagated) is retried, not fatal.
 */
export async function ensureTopics(kafka: Kafka, plan: TopicPlan, deadlineMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const wanted = topicsFor(plan);
  const deadline = Date.now() + deadlineMs;
  try {
    for (;;) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions: plan.partitions, replicationFactor: plan.replicationFactor ?? 1 })),
          });
        }
        const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
        if (topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) {
          // On a fresh broker the first group lookup creates __consumer_offsets, and until it is
          // loaded a joining consumer crashes ("coordinator is loading") and is restarted. Asking
          // for the groups here waits that out before any consumer subscribes.
          if (plan.consumerGroups.length > 0) await admin.describeGroups(plan.consumerGroups);
          return;
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`Topics without a leader after ${deadlineMs} ms: ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await admin.disconnect();
  }
}
