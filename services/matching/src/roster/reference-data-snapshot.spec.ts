import { ReferenceDataSnapshot } from './reference-data-snapshot';

type Entry = { _id: string; value: number };

/** A store whose loads the test completes by hand, counting them. */
function fakeStore(initial: Entry[]) {
  const store = { entries: initial, loads: 0, pending: [] as (() => void)[] };
  const load = () =>
    new Promise<Entry[]>((resolve) => {
      store.loads += 1;
      const snapshot = store.entries.map((entry) => ({ ...entry }));
      store.pending.push(() => resolve(snapshot));
    });
  const settle = () => store.pending.splice(0).forEach((resolve) => resolve());
  return { store, load, settle };
}

describe('ReferenceDataSnapshot', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('loads once, then answers from memory until the TTL has passed, sorted by id', async () => {
    const { store, load, settle } = fakeStore([{ _id: 'b', value: 1 }, { _id: 'a', value: 2 }]);
    const snapshot = new ReferenceDataSnapshot(load, 5_000, now);
    const first = snapshot.all();
    const second = snapshot.all(); // arrives during the load: shares it
    settle();
    expect((await first).map((entry) => entry._id)).toEqual(['a', 'b']);
    expect(await second).toBe(await first);
    clock += 4_999;
    expect(await snapshot.all()).toBe(await first);
    expect(store.loads).toBe(1);
    clock += 1;
    const reloaded = snapshot.all();
    settle();
    await reloaded;
    expect(store.loads).toBe(2);
  });

  it('after invalidate() the next read loads again — also when a load that began before the write is still running', async () => {
    const { store, load, settle } = fakeStore([{ _id: 'a', value: 1 }]);
    const snapshot = new ReferenceDataSnapshot(load, 60_000, now);
    const early = snapshot.all(); // began before the write below
    store.entries = [{ _id: 'a', value: 2 }];
    snapshot.invalidate();
    const late = snapshot.all(); // must not be served the early load
    settle();
    expect((await early)[0].value).toBe(1);
    expect((await late)[0].value).toBe(2);
    expect(store.loads).toBe(2);
    // The early load finished after the invalidation: it was not kept as fresh; the late one was.
    expect((await snapshot.all())[0].value).toBe(2);
    expect(store.loads).toBe(2);
  });

  it('a failed load is not kept: the next read tries again', async () => {
    let fail = true;
    const snapshot = new ReferenceDataSnapshot(async () => {
      if (fail) throw new Error('database unreachable');
      return [{ _id: 'a', value: 1 }];
    }, 60_000, now);
    await expect(snapshot.all()).rejects.toThrow('database unreachable');
    fail = false;
    expect(await snapshot.all()).toEqual([{ _id: 'a', value: 1 }]);
  });
});
