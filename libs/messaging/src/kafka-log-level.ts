import { logLevel, LogEntry } from 'kafkajs';

export type LogLevelName = 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Record<number, LogLevelName> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * Kafka answers that mean "not yet" while a broker, a topic or a consumer group is still coming
 * up (kafkajs' messages for UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE,
 * NOT_LEADER_FOR_PARTITION, GROUP_COORDINATOR_NOT_AVAILABLE, GROUP_LOAD_IN_PROGRESS,
 * NOT_COORDINATOR_FOR_GROUP, and the CreateTopics answer when another replica created a topic
 * first). Every one is retried — by kafkajs, or by ensureTopics for topic creation.
 */
const TRANSIENT = [
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  'The group coordinator is not available',
  "The coordinator is loading and hence can't process requests for this group",
  'This is not the correct coordinator for this group',
  'Topic creation errors',
];

/**
 * The level a kafkajs log entry is written at. kafkajs logs every error answer of every request
 * at error level from its connection ("Response Metadata(key: 3, version: 6)") and then throws it
 * to the caller, which retries; a clean start on a fresh broker printed ~40 such lines. A
 * transient answer at the connection is only worth a debug line; a consumer that crashed on one
 * and is restarted by kafkajs is worth a warning. Anything else keeps kafkajs' level: a retry
 * that finally gives up is still reported as an error by whoever made the call.
 */
export function kafkaLogLevel({ namespace, level, log }: Pick<LogEntry, 'namespace' | 'level' | 'log'>): LogLevelName {
  const name = LEVELS[level] ?? 'info';
  if (name !== 'error') return name;
  const text = `${String(log.message ?? '')} ${String(log.error ?? '')}`;
  // kafkajs restarts a consumer only after a retriable crash, which it has logged already.
  if (namespace === 'Consumer' && text.startsWith('Restarting the consumer')) return 'warn';
  if (!TRANSIENT.some((message) => text.includes(message))) return name;
  return namespace === 'Connection' ? 'debug' : 'warn';
}
