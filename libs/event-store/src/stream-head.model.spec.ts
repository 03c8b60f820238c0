import { mongo } from 'mongoose';
import { StoredEvent } from './stored-event.model';
import { eventsOf, packEvents } from './stream-head.model';

describe('a stream head\'s packed events', () => {
  const event: StoredEvent = {
    _id: 'ord_1:1',
    streamId: 'ord_1',
    version: 1,
    eventId: 'evt_1',
    type: 'lantern.order.placed.v1',
    data: { orderId: 'ord_1', urgency: 'normal' },
    time: new Date('2026-12-03T02:00:00.000Z'),
    correlationId: null,
    causationId: null,
    traceparent: null,
    actor: 'res-1',
    publishedAt: new Date('2026-12-03T02:00:00.050Z'),
  };

  it('unpack to the events packed, dates as dates', () => {
    expect(eventsOf({ packed: packEvents([event]) })).toEqual([event]);
  });

  it('are read up to what the binary holds, when its buffer is longer (as a Binary written to grows)', () => {
    const packed = packEvents([event]);
    const grown = new mongo.Binary(); // allocates more than it holds
    grown.write(packed.value(), 0);
    expect(grown.buffer.length).toBeGreaterThan(grown.length());
    expect(eventsOf({ packed: grown })).toEqual([event]);
  });

  it('a head written before packing keeps its events as they are', () => {
    expect(eventsOf({ events: [event] })).toEqual([event]);
  });
});
