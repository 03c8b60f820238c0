import { CloudEvent } from '@lantern/contracts';
import { EventSink } from '../src/event-sink';

/** Records what the outbox hands over — for tests of the store itself, not of Kafka. */
export class RecordingSink implements EventSink {
  readonly published: CloudEvent[] = [];
  async publish(_topic: string, events: CloudEvent[]): Promise<void> {
    this.published.push(...events);
  }
}
