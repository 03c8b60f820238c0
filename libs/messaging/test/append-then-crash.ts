// Child process for the crash-recovery test: appends one event, then dies by SIGKILL after
// the write and before any publish — the worst moment for an outbox.
import { EventStore, OutboxPublisher } from '@lantern/event-store';
import mongoose from 'mongoose';
import { orderPlacedEvent } from '@lantern/testing';

async function main() {
  const [mongoUrl, dbName, streamId] = process.argv.slice(2);
  const connection = await mongoose.createConnection(mongoUrl, { dbName, autoIndex: false }).asPromise();
  const neverCalled = { publish: async () => { throw new Error('the process should be dead by now'); } };
  const store = new EventStore(connection, new OutboxPublisher(connection, neverCalled));
  await store.init();
  await store.append(streamId, 0, [orderPlacedEvent(streamId)], {
    afterStore: () => {
      process.kill(process.pid, 'SIGKILL');
      return new Promise(() => undefined);
    },
  });
}

void main();
