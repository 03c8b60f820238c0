import { DeadlineQueue, PendingDeadline } from './deadline-queue';

const pending = (id: string, at: number): PendingDeadline => ({ id, kind: 'k', at, failures: 0, recheck: false, learned: 0 });

function drain(queue: DeadlineQueue, now = Number.MAX_SAFE_INTEGER): string[] {
  const taken: string[] = [];
  for (let next = queue.takeDue(now); next; next = queue.takeDue(now)) taken.push(next.id);
  return taken;
}

describe('DeadlineQueue', () => {
  it('gives deadlines back earliest first, only once due', () => {
    const queue = new DeadlineQueue();
    const times = Array.from({ length: 200 }, (_, i) => (i * 7919) % 1000);
    times.forEach((at, i) => queue.put(pending(`d${i}`, at)));
    expect(queue.earliest()?.at).toBe(0);
    expect(queue.takeDue(-1)).toBeUndefined();
    const due = drain(queue, 499);
    expect(due.map((id) => times[Number(id.slice(1))])).toEqual([...times].filter((at) => at <= 499).sort((a, b) => a - b));
    expect(queue.size).toBe(times.filter((at) => at > 499).length);
  });

  it('a replaced deadline keeps only its new time; a removed one is never given back', () => {
    const queue = new DeadlineQueue();
    queue.put(pending('a', 10));
    queue.put(pending('b', 20));
    queue.put(pending('c', 30));
    queue.put(pending('a', 40));
    queue.remove('b');
    expect(queue.size).toBe(2);
    expect(queue.earliest()?.id).toBe('c');
    expect(drain(queue)).toEqual(['c', 'a']);
    expect(queue.earliest()).toBeUndefined();
  });

  it('stays small when the same deadlines are replaced over and over', () => {
    const queue = new DeadlineQueue();
    for (let round = 0; round < 1000; round += 1) queue.put(pending(`d${round % 3}`, 1000 - round));
    expect(queue.size).toBe(3);
    expect((queue as unknown as { heap: unknown[] }).heap.length).toBeLessThanOrEqual(2 * 3 + 64);
    expect(drain(queue)).toEqual(['d0', 'd2', 'd1']);
  });
});
