import { Connection } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { dayBucket, eventDay } from './retention/day-buckets';
import { RetentionRule } from './retention/retention-sweeper';

interface ProcessedMessage {
  /** `{consumerGroup}:{eventId}` */
  _id: string;
  processedAt: Date;
}

export const PROCESSED_MESSAGES = 'processed_messages';

/**
 * How long a handled event is remembered, counted from the event's own time (CloudEvents
 * `time`, the same on every copy of it): 7 full days after the end of its day. Kafka keeps the
 * topics 7 days by default, and redeliveries come within minutes (retries, rebalances) or from a
 * replay of the dead-letter topic by an operator, within days; a copy older than this is
 * handled again — which the handlers' derived ids still make harmless (see below).
 */
export const PROCESSED_MESSAGES_RETENTION: RetentionRule = { base: PROCESSED_MESSAGES, keepDays: 7 };

/**
 * The consumer side of exactly-once effects: which events a consumer group has fully handled.
 * Handlers still derive their effects' ids from the event, so a crash between the effect and
 * this record leaves a harmless retry rather than a double effect.
 *
 * Records live in a bucket per day of the event's time (`processed_messages_{yyyymmdd}`), so
 * every copy of an event is looked up in the same bucket — still one `_id` lookup and one
 * insert per event — and expired days are dropped whole by the RetentionSweeper.
 */
export class ProcessedMessages {
  constructor(private readonly connection: Connection) {}

  async has(consumerGroup: string, eventId: string, eventTime?: string): Promise<boolean> {
    return (await this.bucket(eventTime).findOne({ _id: `${consumerGroup}:${eventId}` } as never, { projection: { _id: 1 } })) !== null;
  }

  async record(consumerGroup: string, eventId: string, eventTime?: string): Promise<void> {
    try {
      await this.bucket(eventTime).insertOne({ _id: `${consumerGroup}:${eventId}`, processedAt: new Date() } as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The event's day; an event without a usable time counts as today's (it is then remembered at least the window). */
  private bucket(eventTime?: string) {
    return this.connection.collection<ProcessedMessage>(dayBucket(PROCESSED_MESSAGES, eventDay(eventTime)));
  }
}
