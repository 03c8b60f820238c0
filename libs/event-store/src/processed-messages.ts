import { Connection, Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './errors';

interface ProcessedMessage {
  /** `{consumerGroup}:{eventId}` */
  _id: string;
  processedAt: Date;
}

const processedMessageSchema = new Schema<ProcessedMessage>(
  { _id: { type: String, required: true }, processedAt: { type: Date, required: true } },
  { collection: 'processed_messages', versionKey: false },
);

/**
 * The consumer side of exactly-once effects: which events a consumer group has fully handled.
 * Handlers still derive their effects' ids from the event, so a crash between the effect and
 * this record leaves a harmless retry rather than a double effect.
 */
export class ProcessedMessages {
  private readonly model: Model<ProcessedMessage>;

  constructor(connection: Connection) {
    this.model =
      (connection.models.ProcessedMessage as Model<ProcessedMessage>) ??
      connection.model<ProcessedMessage>('ProcessedMessage', processedMessageSchema);
  }

  async has(consumerGroup: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${consumerGroup}:${eventId}` })) !== null;
  }

  async record(consumerGroup: string, eventId: string): Promise<void> {
    try {
      await this.model.collection.insertOne({ _id: `${consumerGroup}:${eventId}`, processedAt: new Date() } as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
