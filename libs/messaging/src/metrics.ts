import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

export const eventsPublished = counter('lantern_events_published_total', 'Events acknowledged by Kafka', ['topic']);
export const eventsConsumed = counter('lantern_events_consumed_total', 'Events handled by a consumer group', [
  'group',
  'type',
  'outcome',
]);
export const deadLetters = counter('lantern_dead_letter_records_total', 'Records a consumer group sent to its dead-letter topic', [
  'topic',
  'source_topic',
]);
/**
 * Every request this process's producers and consumers send to a broker, by kafkajs' API name
 * (Produce, Fetch, OffsetCommit, Heartbeat…): what the broker works on. Records say how much data
 * moves; requests say how often it is asked, and a Fetch that returns one record costs a Fetch.
 */
export const kafkaRequests = counter('lantern_kafka_requests_total', 'Requests sent to Kafka brokers, by client and API', ['client', 'api']);
