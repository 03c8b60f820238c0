import { connectTestDatabase, countCommands, dropTestDatabase, orderPlacedEvent, waitFor } from '@lantern/testing';
import { Connection } from 'mongoose';
import { OutboxMarkers } from './outbox-markers';
import { eventDocumentId, StoredEvent } from './stored-event.model';

/** The stored form of an event, as the event store hands it to the markers. */
function stored(streamId: string, version: number): StoredEvent {
  const event = orderPlacedEvent(streamId);
  return { _id: eventDocumentId(streamId, version), streamId, version, type: event.type, data: event.data } as unknown as StoredEvent;
}

describe('outbox markers: a lease per stream, deleted by its writer once it ends', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectTestDatabase('markers');
  });
  afterAll(() => dropTestDatabase(connection));

  it('appends to three streams within a lease: three markers; once the leases end, one delete for those whose events are out, and the last only once its events are out too', async () => {
    const markers = connection.collection('outbox_markers');
    const counted = await countCommands(connection, async (monitored) => {
      const outbox = new OutboxMarkers(monitored, undefined, { leaseUsableMs: 2_000, retireBatchMs: 200 });
      const streams = ['ends-1', 'ends-2', 'ends-3'];
      for (const streamId of streams) {
        await outbox.announce([stored(streamId, 1)], new Date());
        await outbox.announce([stored(streamId, 2)], new Date());
      }
      // Every event of ends-1 and ends-2 is out; ends-3's second is not (its publish is being retried).
      outbox.settle(['ends-1:1', 'ends-1:2', 'ends-2:1', 'ends-2:2', 'ends-3:1']);
      await waitFor(async () => (await markers.countDocuments({ _id: { $in: ['ends-1:1', 'ends-2:1'] } } as never)) === 0, { timeoutMs: 20_000, description: 'the ended leases deleted' });
      expect(await markers.countDocuments({ _id: 'ends-3:1' } as never)).toBe(1);
      outbox.settle(['ends-3:2']);
      await waitFor(async () => (await markers.countDocuments({ _id: 'ends-3:1' } as never)) === 0, { timeoutMs: 20_000, description: "ends-3's lease deleted once its last event is out" });
    });
    const writes = counted.filter((command) => command.includes('outbox_markers') && !command.startsWith('find') && !command.startsWith('count') && !command.startsWith('aggregate'));
    expect(writes).toEqual(['update outbox_markers', 'update outbox_markers', 'update outbox_markers', 'delete outbox_markers', 'delete outbox_markers']);
  });
});
