import { connectTestDatabase, countCommands, dropTestDatabase } from '@lantern/testing';
import { Connection, Schema } from 'mongoose';
import { insertOnce } from './insert-once';

interface Mark {
  _id: string;
  at: Date;
  by: string;
}

describe('insertOnce on the real database', () => {
  let connection: Connection;
  const schema = new Schema<Mark>({ _id: String, at: Date, by: String }, { collection: 'insert_once_marks', versionKey: false });

  beforeAll(async () => {
    connection = await connectTestDatabase('insert-once');
  });
  afterAll(() => dropTestDatabase(connection));

  it('the first insert stores the document with one command; a second with the same _id is "already done" and changes nothing', async () => {
    const counted = await countCommands(connection, async (monitored) => {
      const marks = monitored.model<Mark>('Mark', schema);
      expect(await insertOnce(marks.collection, { _id: 'm-1', at: new Date('2026-12-01T10:00:00Z'), by: 'first' })).toBe(true);
    });
    expect(counted).toEqual(['insert insert_once_marks']);
    const marks = connection.model<Mark>('Mark', schema);
    expect(await insertOnce(marks.collection, { _id: 'm-1', at: new Date('2026-12-01T11:00:00Z'), by: 'second' })).toBe(false);
    expect(await marks.findById('m-1').lean()).toEqual({ _id: 'm-1', at: new Date('2026-12-01T10:00:00Z'), by: 'first' });
  });

  it('writers racing for one _id: exactly one stores its document', async () => {
    const marks = connection.model<Mark>('Mark', schema);
    const writers = ['a', 'b', 'c', 'd', 'e'];
    const won = await Promise.all(writers.map((by) => insertOnce(marks.collection, { _id: 'm-race', at: new Date(), by })));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect((await marks.findById('m-race').lean())?.by).toBe(writers[won.indexOf(true)]);
  });

  it('works on the driver collection as well as on a model', async () => {
    const raw = connection.collection<{ _id: string; doneAt: Date }>('insert_once_migrations');
    expect(await insertOnce(raw, { _id: 'backfill-1', doneAt: new Date() })).toBe(true);
    expect(await insertOnce(raw, { _id: 'backfill-1', doneAt: new Date() })).toBe(false);
  });
});
