import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection, Model, Schema } from 'mongoose';
import { encodeCursor } from './page';
import { keysetPage, KeysetOrder } from './keyset-page';

interface Row {
  _id: string;
  at: Date;
  kind: string;
}

describe('keyset pages of a read model on the real database', () => {
  let connection: Connection;
  let rows: Model<Row>;
  // Three rows share each instant: only the ids tell them apart.
  const written: Row[] = Array.from({ length: 12 }, (_, index) => ({ _id: `row-${String(index).padStart(2, '0')}`, at: new Date(Date.UTC(2026, 0, 1 + Math.floor(index / 3))), kind: index % 4 === 0 ? 'other' : 'listed' }));

  beforeAll(async () => {
    connection = await connectTestDatabase('pages');
    rows = connection.model<Row>('Row', new Schema<Row>({ _id: String, at: Date, kind: String }, { collection: 'rows', versionKey: false }));
    await rows.insertMany(written);
  });
  afterAll(() => dropTestDatabase(connection));

  async function everyPage(order: KeysetOrder<Row>, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await keysetPage(rows, [{ kind: 'listed' }], order, { limit, cursor }, (row) => row._id);
      pages.push(page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  it('oldest first: pages of 2 cover every listed row once, in (time, id) order, across ties', async () => {
    const listed = written.filter((row) => row.kind === 'listed').map((row) => row._id);
    const pages = await everyPage({ by: 'at', direction: 'oldest-first' }, 2);
    expect(pages.flat()).toEqual(listed);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
  });

  it('newest first: the same rows in the reverse order; a row written behind the cursor meanwhile is not shown twice', async () => {
    const listed = written.filter((row) => row.kind === 'listed').map((row) => row._id).reverse();
    const first = await keysetPage(rows, [{ kind: 'listed' }], { by: 'at', direction: 'newest-first' }, { limit: 4 }, (row) => row._id);
    expect(first.items).toEqual(listed.slice(0, 4));
    await rows.create({ _id: 'row-late', at: new Date(Date.UTC(2027, 0, 1)), kind: 'listed' });
    const rest = await keysetPage(rows, [{ kind: 'listed' }], { by: 'at', direction: 'newest-first' }, { limit: 100, cursor: first.nextCursor! }, (row) => row._id);
    expect(rest).toEqual({ items: listed.slice(4), nextCursor: null });
    await rows.deleteOne({ _id: 'row-late' });
  });

  it('a cursor this list did not issue is the client’s error: a 400 naming the field', async () => {
    for (const cursor of ['not-base64-json', encodeCursor({ at: 'yesterday', id: 'row-01' }), encodeCursor({ at: '2026-01-01T00:00:00.000Z', id: 7 })]) {
      await expect(keysetPage(rows, [], { by: 'at', direction: 'oldest-first' }, { cursor }, (row) => row._id)).rejects.toMatchObject({
        problem: { status: 400, errors: [{ field: 'query.cursor' }] },
      });
    }
  });
});
