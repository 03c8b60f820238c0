import { GroupCommit } from './group-commit';

/** A run the test ends by hand, to queue items behind it. */
function heldRuns() {
  const runs: { items: number[]; finish: (error?: unknown) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      runs.push({ items, finish: (error) => (error ? reject(error) : resolve(items.map((item) => `done ${item}`))) });
    });
  return { runs, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs an item alone at once, then everything queued meanwhile together, oldest first, within the limits', async () => {
    const { runs, run } = heldRuns();
    const commit = new GroupCommit<number, string>({ run, weigh: (item) => [1, item], limits: [3, 100], retryAlone: () => false });
    const results = [1, 2, 3, 4, 5].map((item) => commit.add(item));
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1]]);
    runs[0].finish();
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4]]); // three items at most
    runs[1].finish();
    await settle();
    runs[2].finish();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('lets an item heavier than a limit go, alone', async () => {
    const { runs, run } = heldRuns();
    const commit = new GroupCommit<number, string>({ run, weigh: (item) => [item], limits: [10], retryAlone: () => false });
    const results = [1, 50, 2].map((item) => commit.add(item));
    for (let i = 0; i < 3; i += 1) {
      await settle();
      runs[i].finish();
    }
    await Promise.all(results);
    expect(runs.map((r) => r.items)).toEqual([[1], [50], [2]]);
  });

  it('a failed group fails every item in it, unless the error asks for each to be tried alone', async () => {
    for (const retryAlone of [false, true]) {
      const { runs, run } = heldRuns();
      const commit = new GroupCommit<number, string>({ run, weigh: () => [1], limits: [10], retryAlone: () => retryAlone });
      const results = [1, 2, 3].map((item) => commit.add(item).catch((error: Error) => error.message));
      await settle();
      runs[0].finish();
      await settle();
      runs[1].finish(new Error('refused'));
      await settle();
      if (retryAlone) {
        runs[2].finish();
        await settle();
        runs[3].finish(new Error('refused alone'));
      }
      expect(await Promise.all(results)).toEqual(retryAlone ? ['done 1', 'done 2', 'refused alone'] : ['done 1', 'refused', 'refused']);
    }
  });
});
