/**
 * Kafka headers the consumer runner adds to a record it parks on its group's retry topic or
 * dead-letters, beside the record's own CloudEvents headers (kept unchanged). Part of the public
 * contract: the AsyncAPI document describes the retry and dead-letter channels with them.
 */
export const FAILURE_HEADERS = {
  originalTopic: 'x-lantern-original-topic',
  originalPartition: 'x-lantern-original-partition',
  originalOffset: 'x-lantern-original-offset',
  retryCount: 'x-lantern-retry-count',
  notBefore: 'x-lantern-not-before',
  error: 'x-lantern-error',
  failedAt: 'x-lantern-failed-at',
  consumerGroup: 'x-lantern-consumer-group',
} as const;

export type FailureHeader = keyof typeof FAILURE_HEADERS;

/** What each failure header says, for the AsyncAPI document. */
export const FAILURE_HEADER_DESCRIPTIONS: Record<FailureHeader, string> = {
  originalTopic: 'The topic the record was first consumed from; kept through every trip',
  originalPartition: 'Its partition there (a decimal string); kept through every trip',
  originalOffset: 'Its offset there (a decimal string); kept through every trip',
  retryCount:
    'Retry topic: trips through it so far (1 up to CONSUMER_RETRY_TOPIC_ATTEMPTS; 0 for a dead letter sent back by `npm run dlq:replay`). ' +
    'Dead-letter topic: the trips made before giving up (0 when no retry could help: not a CloudEvent, or data that breaks its contract)',
  notBefore: 'Epoch milliseconds before which the retry is not handled (CONSUMER_RETRY_DELAY_MS, doubling per trip, at most 60 s)',
  error: 'The last failure, `Name: message`, at most 1000 characters, phone and ID numbers censored',
  failedAt: 'When the last failure happened (ISO 8601)',
  consumerGroup: 'The consumer group that failed to handle it (the retry and dead-letter topics are named after it)',
};
