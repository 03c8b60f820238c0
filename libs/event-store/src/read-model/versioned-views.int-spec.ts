import { connectTestDatabase, countCommands, dropTestDatabase } from '@lantern/testing';
import { Connection, Schema } from 'mongoose';
import { VersionedView, VersionedViews } from './versioned-views';

interface CounterView extends VersionedView {
  status: string;
}

describe('versioned views on the real database', () => {
  let connection: Connection;
  let views: VersionedViews<CounterView>;
  let schema: Schema<CounterView>;

  beforeAll(async () => {
    connection = await connectTestDatabase('views');
    schema = new Schema<CounterView>({ _id: String, status: String, version: Number }, { collection: 'counter_views', versionKey: false });
    views = new VersionedViews(connection.model<CounterView>('CounterView', schema));
  });
  afterAll(() => dropTestDatabase(connection));

  it('an event at or below the version the view reflects changes nothing: redelivery and replay are harmless', async () => {
    const placed = (status: string) => () => ({ _id: 'ord-1', status, version: 0 });
    expect(await views.apply('ord-1', 1, placed('PLACED'))).toBe(true);
    expect(await views.apply('ord-1', 3, (current) => current && { ...current, status: 'CLAIMED' })).toBe(true);
    // The version-2 event arrives late, and version 3 is redelivered: neither moves the view.
    expect(await views.apply('ord-1', 2, (current) => current && { ...current, status: 'OFFERED' })).toBe(false);
    expect(await views.apply('ord-1', 3, (current) => current && { ...current, status: 'CLAIMED again' })).toBe(false);
    expect(await views.find('ord-1')).toEqual({ _id: 'ord-1', status: 'CLAIMED', version: 3 });
  });

  it('a change may decline: nothing is written (an event about an aggregate this view does not hold)', async () => {
    expect(await views.apply('ord-unknown', 4, (current) => current && { ...current, status: 'ROUTED' })).toBe(false);
    expect(await views.find('ord-unknown')).toBeNull();
  });

  it('a view created from its first event is one insert; created again (a redelivery) it stays as the later events left it', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const fresh = new VersionedViews(monitored.model<CounterView>('CounterView', schema));
      expect(await fresh.create({ _id: 'ord-2', status: 'PLACED', version: 1 })).toBe(true);
    });
    expect(counted).toEqual(['insert counter_views']);
    await views.apply('ord-2', 2, (current) => current && { ...current, status: 'OFFERED' });
    expect(await views.create({ _id: 'ord-2', status: 'PLACED', version: 1 })).toBe(false);
    expect(await views.find('ord-2')).toEqual({ _id: 'ord-2', status: 'OFFERED', version: 2 });
  });

  it('a writer that remembers its views applies each next event with one command, and reads again once told to forget (a rebalance)', async () => {
    let remembering!: VersionedViews<CounterView>;
    const counted = await countCommands(connection, async (monitored) => {
      remembering = new VersionedViews(monitored.model<CounterView>('CounterView', schema), { remember: 10 });
      await remembering.create({ _id: 'ord-3', status: 'PLACED', version: 1 });
      await remembering.apply('ord-3', 2, (current) => current && { ...current, status: 'OFFERED' });
      await remembering.apply('ord-3', 2, (current) => current && { ...current, status: 'OFFERED again' }); // redelivered: nothing
      // Meanwhile another replica, which had the partition for a while, moved the view on.
      await views.apply('ord-3', 4, (current) => current && { ...current, status: 'ROUTED' });
      remembering.forgetAll();
      // A late copy of version 3: read afresh, the view at 4 is left as it is.
      expect(await remembering.apply('ord-3', 3, (current) => current && { ...current, status: 'CLAIMED' })).toBe(false);
    });
    expect(counted).toEqual(['insert counter_views', 'update counter_views', 'find counter_views']);
    expect(await views.find('ord-3')).toEqual({ _id: 'ord-3', status: 'ROUTED', version: 4 });
  });
});
