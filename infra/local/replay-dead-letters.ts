// Sends a consumer group's dead letters back through its retry topic, once the cause is fixed:
//   npm run dlq:replay -- --group notifications
import { createKafka, EventPublisher, replayDeadLetters } from '@lantern/messaging';
import { parseArgs } from 'node:util';

async function main() {
  const { values } = parseArgs({ options: { group: { type: 'string' } } });
  if (!values.group) throw new Error('--group <consumer group> is required (the service name, e.g. notifications)');
  const kafka = createKafka({ clientId: 'dlq-replay', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',') });
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  try {
    const replayed = await replayDeadLetters(kafka, publisher, values.group);
    process.stdout.write(`replayed ${replayed.length} dead letter(s) of ${values.group}\n`);
    for (const letter of replayed) process.stdout.write(`  partition ${letter.partition} offset ${letter.offset} key ${letter.key} event ${letter.eventId ?? '-'}\n`);
  } finally {
    await publisher.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
