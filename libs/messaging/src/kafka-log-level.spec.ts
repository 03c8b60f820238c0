import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-log-level';

// The entries below are what kafkajs logged during `npm start` on a fresh broker (message and
// error text as kafkajs writes them).
const entry = (namespace: string, level: logLevel, message: string, error?: string) => ({ namespace, level, log: { message, error, timestamp: '', logger: 'kafkajs' } });

describe('kafkaLogLevel', () => {
  it.each([
    ['Response Metadata(key: 3, version: 6)', 'This server does not host this topic-partition'],
    ['Response GroupCoordinator(key: 10, version: 2)', 'The group coordinator is not available'],
    ['Response CreateTopics(key: 19, version: 3)', 'Topic creation errors'],
    ['Response JoinGroup(key: 11, version: 5)', "The coordinator is loading and hence can't process requests for this group"],
  ])('writes a connection\'s transient "%s" answer at debug level', (message, error) => {
    expect(kafkaLogLevel(entry('Connection', logLevel.ERROR, message, error))).toBe('debug');
  });

  it('writes a consumer crash that kafkajs restarts from as a warning', () => {
    const crash = entry('Consumer', logLevel.ERROR, "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group");
    expect(kafkaLogLevel(crash)).toBe('warn');
    expect(kafkaLogLevel(entry('Consumer', logLevel.ERROR, 'Restarting the consumer in 200ms'))).toBe('warn');
  });

  it('keeps any other error an error, and other levels as they are', () => {
    expect(kafkaLogLevel(entry('Connection', logLevel.ERROR, 'Response Produce(key: 0, version: 7)', 'The request included a message larger than the max message size the server will accept'))).toBe('error');
    expect(kafkaLogLevel(entry('Consumer', logLevel.ERROR, 'Crash: KafkaJSNonRetriableError: Closed connection'))).toBe('error');
    expect(kafkaLogLevel(entry('Consumer', logLevel.WARN, 'Consumer group rebalancing'))).toBe('warn');
    expect(kafkaLogLevel(entry('Consumer', logLevel.INFO, 'Starting'))).toBe('info');
  });
});
