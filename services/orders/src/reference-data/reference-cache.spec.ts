import { ReferenceCache, ReferenceSource } from './reference-cache';

interface Entry {
  _id: string;
  label: string;
}

/** A collection in memory that counts what the cache asks of it; `loadAll` can be held open. */
class FakeCollection implements ReferenceSource<Entry> {
  entries = new Map<string, Entry>();
  loadAllCalls = 0;
  loadOneCalls = 0;
  failing = false;
  private held?: { release: () => void; promise: Promise<void> };

  put(_id: string, label: string) {
    this.entries.set(_id, { _id, label });
  }

  /** The next loadAll reads now but answers only when released. */
  hold(): () => void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { release, promise };
    return release;
  }

  async loadAll(): Promise<Entry[]> {
    this.loadAllCalls += 1;
    if (this.failing) throw new Error('database unreachable');
    const read = [...this.entries.values()].map((entry) => ({ ...entry }));
    const held = this.held;
    this.held = undefined;
    await held?.promise;
    return read;
  }

  async loadOne(id: string): Promise<Entry | null> {
    this.loadOneCalls += 1;
    const entry = this.entries.get(id);
    return entry ? { ...entry } : null;
  }
}

describe('ReferenceCache: a small collection in memory', () => {
  let collection: FakeCollection;
  let now: number;
  const maxAgeMs = 1000;
  const cacheOf = () => new ReferenceCache(collection, maxAgeMs, () => now);

  beforeEach(() => {
    collection = new FakeCollection();
    collection.put('a', 'A');
    collection.put('b', 'B');
    now = 0;
  });

  it('reads the collection once, then answers from memory until it is older than maxAgeMs', async () => {
    const cache = cacheOf();
    expect(await cache.find('a')).toEqual({ _id: 'a', label: 'A' });
    expect((await cache.snapshot()).all.map((entry) => entry._id)).toEqual(['a', 'b']);
    expect(await cache.find('b')).toEqual({ _id: 'b', label: 'B' });
    expect(collection.loadAllCalls).toBe(1);

    collection.put('a', 'A, renamed elsewhere');
    now = maxAgeMs;
    expect((await cache.find('a'))?.label).toBe('A');
    now = maxAgeMs + 1;
    expect((await cache.find('a'))?.label).toBe('A, renamed elsewhere');
    expect(collection.loadAllCalls).toBe(2);
  });

  it('keeps the same snapshot while nothing changes, so what is derived from it can be kept too', async () => {
    const cache = cacheOf();
    const first = await cache.snapshot();
    expect(await cache.snapshot()).toBe(first);
    cache.remember({ _id: 'c', label: 'C' });
    expect(await cache.snapshot()).not.toBe(first);
  });

  it('readers at the same moment share one read of the collection', async () => {
    const cache = cacheOf();
    await Promise.all([cache.snapshot(), cache.find('a'), cache.find('b'), cache.snapshot()]);
    expect(collection.loadAllCalls).toBe(1);
  });

  it('an id it does not hold is looked up by _id: found, it is remembered; unknown, it is asked again next time', async () => {
    const cache = cacheOf();
    await cache.snapshot();
    collection.put('c', 'added by another replica');
    expect(await cache.find('c')).toEqual({ _id: 'c', label: 'added by another replica' });
    expect(await cache.find('c')).toEqual({ _id: 'c', label: 'added by another replica' });
    expect(collection.loadOneCalls).toBe(1);

    expect(await cache.find('nope')).toBeNull();
    expect(await cache.find('nope')).toBeNull();
    expect(collection.loadOneCalls).toBe(3);
    expect(collection.loadAllCalls).toBe(1);
  });

  it('what this replica wrote is served at once, and a read of the collection under way during the write does not undo it', async () => {
    const cache = cacheOf();
    await cache.snapshot();
    collection.put('c', 'C');
    cache.remember({ _id: 'c', label: 'C' });
    expect(await cache.find('c')).toEqual({ _id: 'c', label: 'C' });

    now = maxAgeMs + 1;
    const release = collection.hold();
    const refreshing = cache.snapshot(); // reads the collection before the write below
    collection.put('d', 'D');
    cache.remember({ _id: 'd', label: 'D' });
    release();
    await refreshing;
    expect(collection.loadAllCalls).toBe(2);
    expect(await cache.find('d')).toEqual({ _id: 'd', label: 'D' });
    expect(await cache.find('c')).toEqual({ _id: 'c', label: 'C' });
    expect(collection.loadOneCalls).toBe(0);
  });

  it('reload reads the collection again now (after a bulk write)', async () => {
    const cache = cacheOf();
    await cache.snapshot();
    collection.put('c', 'C');
    await cache.reload();
    expect((await cache.snapshot()).all.map((entry) => entry._id)).toEqual(['a', 'b', 'c']);
    expect(collection.loadOneCalls).toBe(0);
  });

  it('a failed refresh keeps serving the last snapshot and tries again after maxAgeMs; a cache that never loaded fails', async () => {
    const cache = cacheOf();
    await cache.snapshot();
    collection.failing = true;
    now = maxAgeMs + 1;
    expect((await cache.find('a'))?.label).toBe('A');
    expect(collection.loadAllCalls).toBe(2);
    expect((await cache.find('a'))?.label).toBe('A');
    expect(collection.loadAllCalls).toBe(2);
    now = 2 * maxAgeMs + 2;
    collection.failing = false;
    collection.put('a', 'A again');
    expect((await cache.find('a'))?.label).toBe('A again');

    collection.failing = true;
    await expect(cacheOf().snapshot()).rejects.toThrow('database unreachable');
  });

  it('entries are frozen: a caller cannot change what every other request reads', async () => {
    const cache = cacheOf();
    const entry = (await cache.find('a'))!;
    expect(() => Object.assign(entry, { label: 'changed' })).toThrow(TypeError);
  });
});
