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

export async function ensureTopics(kafka: Kafka, plan: TopicPlan): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topicsFor(plan).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // Concurrent starters may race to create the same topic; createTopics tolerates that.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: plan.partitions, replicationFactor: plan.replicationFactor ?? 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
