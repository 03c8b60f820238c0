import { CloudEvent, KafkaRecord, toKafkaRecord } from '@lantern/contracts';
import type { EventSink } from '@lantern/event-store';
import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import { sendWithSpans } from '../kafka-spans';
import { eventsPublished, kafkaRequests } from '../metrics';
import { GroupedSends } from './grouped-sends';

/**
 * The awaited producer: `publish` resolves only when every record is acknowledged by all
 * in-sync replicas, and rejects otherwise — nothing is fire-and-forget.
 */
export class EventPublisher implements EventSink {
  private readonly producer: Producer;
  /** Sends made while one is in flight go together, in one request (GroupedSends). */
  private readonly sends: GroupedSends;
  private connected = false;

  constructor(kafka: Kafka) {
    // The Java-compatible murmur2 partitioner: the same key lands on the same partition as
    // it would from any other Kafka client, so per-aggregate order holds across languages.
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    this.sends = new GroupedSends((topicMessages) => this.producer.sendBatch({ acks: -1, compression: CompressionTypes.None, topicMessages }));
    this.producer.on(this.producer.events.CONNECT, () => (this.connected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
    this.producer.on(this.producer.events.REQUEST, ({ payload }) => kafkaRequests.inc({ client: 'producer', api: payload.apiName }));
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.connected = false;
  }

  isConnected(): boolean {
    return this.connected;
  }

  /** Sends events, each in a producer span whose trace context its record carries. */
  async publish(topic: string, events: CloudEvent[]): Promise<void> {
    await sendWithSpans(topic, events, (traced) => this.send(topic, traced.map(toKafkaRecord)));
  }

  /** Sends records as they are (used for retry and dead-letter topics). */
  async send(topic: string, records: KafkaRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.sends.send(topic, records);
    eventsPublished.inc({ topic }, records.length);
  }
}
