import type { Logger } from '@lantern/logging';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { kafkaLogLevel } from './kafka-log-level';
// Every client is made here, so every client runs without kafkajs' idle timer loop.
import './kafkajs-idle-loop';

export interface KafkaConnectionOptions {
  clientId: string;
  brokers: string[];
  logger?: Logger;
}

/** The one place a kafkajs client is created; its logs go to the service's structured log. */
export function createKafka({ clientId, brokers, logger }: KafkaConnectionOptions): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 5000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        logger?.[kafkaLogLevel(entry)]({ kafka: entry.namespace, ...extra }, message);
      },
  });
}
