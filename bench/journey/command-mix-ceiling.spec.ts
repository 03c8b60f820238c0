import { commandsByKind, journeysPerSecondByCommandMix, kindOf } from './command-mix-ceiling';

describe('the ceiling by the journey’s command mix', () => {
  it('times reads as finds, inserts as inserts, and writes that read first as updates', () => {
    expect(kindOf('insert')).toBe('insert');
    expect(kindOf('find')).toBe('find');
    expect(kindOf('aggregate')).toBe('find');
    for (const write of ['update', 'findAndModify', 'delete']) expect(kindOf(write)).toBe('update');
  });

  it('sums the counts of each kind over services and collections', () => {
    const byKind = commandsByKind({
      'orders events insert': 7,
      'orders stream_heads update': 7,
      'orders deadlines findAndModify': 2,
      'matching worker_workload find': 2,
      'notifications inbox_entries_20261203 insert': 6.5,
      'matching deadlines delete': 1,
    });
    expect(byKind).toEqual({ insert: 13.5, find: 2, update: 10 });
  });

  it('adds up the time each command takes at its own raw speed', () => {
    // 10 inserts at 1,000/s (10 ms) + 20 finds at 4,000/s (5 ms) + 10 updates at 500/s (20 ms) = 35 ms.
    const perSecond = journeysPerSecondByCommandMix({ insert: 10, find: 20, update: 10 }, { dbInsertsPerSecond: 1_000, dbFindsPerSecond: 4_000, dbUpdatesPerSecond: 500 });
    expect(perSecond).toBeCloseTo(1 / 0.035, 6);
  });

  it('has no ceiling for a journey without commands', () => {
    expect(journeysPerSecondByCommandMix({ insert: 0, find: 0, update: 0 }, { dbInsertsPerSecond: 1, dbFindsPerSecond: 1, dbUpdatesPerSecond: 1 })).toBeNaN();
  });
});
