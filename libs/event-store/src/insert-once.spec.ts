import { insertOnce } from './insert-once';

describe('insertOnce', () => {
  const collection = (fails?: unknown) => ({
    inserted: [] as unknown[],
    async insertOne(document: never) {
      if (fails) throw fails;
      this.inserted.push(document);
    },
  });

  it('true when the document was stored, as given', async () => {
    const target = collection();
    expect(await insertOnce(target, { _id: 'a', n: 1 })).toBe(true);
    expect(target.inserted).toEqual([{ _id: 'a', n: 1 }]);
  });

  it('false on a duplicate key, whether the driver reports it on the error or on its first write error', async () => {
    expect(await insertOnce(collection({ code: 11000 }), { _id: 'a' })).toBe(false);
    expect(await insertOnce(collection({ writeErrors: [{ code: 11000 }] }), { _id: 'a' })).toBe(false);
  });

  it('any other failure is thrown, not taken for "already done"', async () => {
    const down = new Error('connection closed');
    await expect(insertOnce(collection(down), { _id: 'a' })).rejects.toBe(down);
    await expect(insertOnce(collection({ code: 121 }), { _id: 'a' })).rejects.toEqual({ code: 121 });
  });
});
