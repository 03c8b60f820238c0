import { parseSamples } from './prometheus-text';

/** What a service's /metrics says it has cost so far. */
export interface ServiceCounters {
  /** lantern_db_commands_total by `collection command` (e.g. `events insert`). */
  dbCommands: Record<string, number>;
  /**
   * Milliseconds the service waited on those commands (the sum of
   * lantern_db_command_duration_seconds), by the same key. One at a time, a command's wait is
   * mostly the database's work on it, so this says which commands cost FerretDB the most.
   */
  dbWaitMs: Record<string, number>;
  /**
   * Update and delete statements and inserted documents the write commands carried
   * (lantern_db_write_items_total), by the same key: on FerretDB each update or delete statement is
   * a commit of its own, so a command of several costs it several.
   */
  dbWriteItems: Record<string, number>;
  /**
   * Kafka records acknowledged, by topic. EventPublisher.send counts every record it sends
   * (events, retry and dead-letter copies) in lantern_events_published_total.
   */
  kafkaRecords: Record<string, number>;
  /**
   * Requests to the broker, by `client api` (e.g. `producer Produce`, `consumer Fetch`), from
   * lantern_kafka_requests_total: what the broker's CPU goes on, as commands are for the database.
   */
  kafkaRequests: Record<string, number>;
}

const DB_COMMANDS = 'lantern_db_commands_total';
const DB_WAIT_SECONDS = 'lantern_db_command_duration_seconds_sum';
const DB_WRITE_ITEMS = 'lantern_db_write_items_total';
const KAFKA_RECORDS = 'lantern_events_published_total';
const KAFKA_REQUESTS = 'lantern_kafka_requests_total';
const WANTED = new Set([DB_COMMANDS, DB_WAIT_SECONDS, DB_WRITE_ITEMS, KAFKA_RECORDS, KAFKA_REQUESTS]);
const SCRAPE_TIMEOUT_MS = 5_000;

export async function scrapeCounters(baseUrl: string): Promise<ServiceCounters> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  const counters: ServiceCounters = { dbCommands: {}, dbWaitMs: {}, dbWriteItems: {}, kafkaRecords: {}, kafkaRequests: {} };
  for (const { name, labels, value } of parseSamples(await response.text(), WANTED)) {
    const pair = `${labels.collection || '(database)'} ${labels.command}`;
    if (name === DB_COMMANDS) counters.dbCommands[pair] = value;
    else if (name === DB_WAIT_SECONDS) counters.dbWaitMs[pair] = value * 1000;
    else if (name === DB_WRITE_ITEMS) counters.dbWriteItems[pair] = value;
    else if (name === KAFKA_REQUESTS) counters.kafkaRequests[`${labels.client} ${labels.api}`] = value;
    else counters.kafkaRecords[labels.topic] = (counters.kafkaRecords[labels.topic] ?? 0) + value;
  }
  return counters;
}

function difference(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const grown = value - (before[key] ?? 0);
    if (grown !== 0) delta[key] = grown;
  }
  return delta;
}

export function countersSince(after: ServiceCounters, before: ServiceCounters): ServiceCounters {
  return {
    dbCommands: difference(after.dbCommands, before.dbCommands),
    dbWaitMs: difference(after.dbWaitMs, before.dbWaitMs),
    dbWriteItems: difference(after.dbWriteItems, before.dbWriteItems),
    kafkaRecords: difference(after.kafkaRecords, before.kafkaRecords),
    kafkaRequests: difference(after.kafkaRequests, before.kafkaRequests),
  };
}

export const total = (values: Record<string, number>) => Object.values(values).reduce((sum, value) => sum + value, 0);
