import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection, Schema } from 'mongoose';
import { VersionedView, VersionedViews } from './versioned-views';

interface CounterView extends VersionedView {
  status: string;
}

describe('versioned views on the real database', () => {
  let connection: Connection;
  let views: VersionedViews<CounterView>;

  beforeAll(async () => {
    connection = await connectTestDatabase('views');
    const schema = new Schema<CounterView>({ _id: String, status: String, version: Number }, { collection: 'counter_views', versionKey: false });
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
});
