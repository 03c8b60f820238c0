import { TOPICS } from '@lantern/contracts';
import { testKafka } from '@lantern/testing';
export { orderPlacedCloudEvent } from '@lantern/testing';
import { ensureTopics } from '../src/admin/ensure-topics';
import { EventPublisher } from '../src/publisher/event-publisher';

/** A connected publisher with the service topics (and the given groups' retry/DLQ topics) in place. */
export async function connectedPublisher(consumerGroups: string[] = []) {
  const kafka = testKafka();
  await ensureTopics(kafka, { partitions: 6, consumerGroups });
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  return { kafka, publisher };
}

export const ORDERS_TOPIC = TOPICS.orders;
