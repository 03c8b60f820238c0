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
