import { KeyedSerializer } from './keyed-serializer';

/** A write the test finishes by hand, recording when it started. */
function controlledWrite(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    write: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs writes on the same key one after another, and writes on other keys alongside', async () => {
    const queue = new KeyedSerializer();
    const log: string[] = [];
    const a1 = controlledWrite(log, 'a1');
    const a2 = controlledWrite(log, 'a2');
    const b1 = controlledWrite(log, 'b1');
    const results = [queue.run(['a'], a1.write), queue.run(['a'], a2.write), queue.run(['b'], b1.write)];
    await settle();
    expect(log).toEqual(['start a1', 'start b1']);
    a1.finish();
    await settle();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    a2.finish();
    b1.finish();
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'b1']);
  });

  it('a write on several keys waits for each of them, and a failed write does not block the next', async () => {
    const queue = new KeyedSerializer();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const b = controlledWrite(log, 'b');
    const failing = queue.run(['a'], async () => {
      throw new Error('lost connection');
    });
    const first = [queue.run(['a'], a.write), queue.run(['b'], b.write)];
    const both = queue.run(['a', 'b'], async () => {
      log.push('both');
      return 'both';
    });
    await expect(failing).rejects.toThrow('lost connection');
    await settle();
    a.finish();
    await settle();
    expect(log).not.toContain('both');
    b.finish();
    expect(await both).toBe('both');
    await Promise.all(first);
    expect(log.indexOf('both')).toBeGreaterThan(log.indexOf('end b'));
  });

  it('takes one key as a string, and settled(key) waits for the work queued on it so far, failed or not', async () => {
    const queue = new KeyedSerializer();
    const log: string[] = [];
    const a = controlledWrite(log, 'a');
    const running = queue.run('a', a.write);
    const failing = queue.run('a', async () => {
      throw new Error('lost connection');
    });
    let settled = false;
    const waiting = queue.settled('a').then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    a.finish();
    await expect(failing).rejects.toThrow('lost connection');
    await waiting;
    expect(await running).toBe('a');
    expect(settled).toBe(true);
    await expect(queue.settled('nothing queued')).resolves.toBeUndefined();
  });

  it('work tracked on a key runs at once, alongside earlier work; settled() and later runs wait for both', async () => {
    const queue = new KeyedSerializer();
    const log: string[] = [];
    const queued = controlledWrite(log, 'queued');
    const tracked = controlledWrite(log, 'tracked');
    const first = queue.run('a', queued.write);
    const second = queue.track('a', tracked.write());
    let settled = false;
    void queue.settled('a').then(() => (settled = true));
    const after = queue.run('a', async () => log.push('after'));
    await settle();
    // The tracked work began when it was called; the queued one a tick later, on an empty queue.
    expect(log).toEqual(['start tracked', 'start queued']);
    tracked.finish();
    await settle();
    expect(settled).toBe(false);
    queued.finish();
    await Promise.all([first, second, after]);
    expect(settled).toBe(true);
    expect(log).toEqual(['start tracked', 'start queued', 'end tracked', 'end queued', 'after']);
  });
});
