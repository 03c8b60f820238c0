import { Rerun } from './rerun';

/** A task whose runs the test ends one by one. */
function controlledTask() {
  const runs: { resolve: (lookAgainInMs?: number) => void; reject: (error: Error) => void }[] = [];
  const task = () => new Promise<number | undefined>((resolve, reject) => runs.push({ resolve, reject }));
  return { runs, task };
}

/** Lets the promise callbacks queued so far run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a task rerun on request', () => {
  afterEach(() => jest.useRealTimers());

  it('requests during a run make one more run after it, not one each; every caller hears when its run is over', async () => {
    const { runs, task } = controlledTask();
    const rerun = new Rerun(task, { retryDelayMs: () => 1_000 });
    const first = rerun.request();
    const during = [rerun.request(), rerun.request(), rerun.request()];
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await Promise.all([first, ...during]);
    expect(runs).toHaveLength(2);
  });

  it('a failed run is told and tried again after its delay while active; a request during the wait tries at once', async () => {
    jest.useFakeTimers();
    const { runs, task } = controlledTask();
    const failures: number[] = [];
    const rerun = new Rerun(task, { retryDelayMs: (failure) => failure * 10_000, onFailure: (_error, failure) => failures.push(failure) });
    rerun.activate();
    const done = rerun.request();
    runs[0].reject(new Error('database down'));
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    runs[1].reject(new Error('still down'));
    await jest.advanceTimersByTimeAsync(0);
    expect(failures).toEqual([1, 2]);
    void rerun.request();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(3);
    runs[2].resolve();
    await done;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(3);
  });

  it('inactive (not started, or stopped) it gives up on a failure; stopping ends a wait at once', async () => {
    jest.useFakeTimers();
    const { runs, task } = controlledTask();
    const rerun = new Rerun(task, { retryDelayMs: () => 60_000 });
    const notStarted = rerun.request();
    runs[0].reject(new Error('down'));
    await notStarted;
    rerun.activate();
    void rerun.request();
    runs[1].reject(new Error('down'));
    await jest.advanceTimersByTimeAsync(0);
    await rerun.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(runs).toHaveLength(2);
  });

  it('a run that asks to look again is run again then, and not after a stop', async () => {
    jest.useFakeTimers();
    const { runs, task } = controlledTask();
    const rerun = new Rerun(task, { retryDelayMs: () => 1_000 });
    rerun.activate();
    void rerun.request();
    runs[0].resolve(5_000);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    runs[1].resolve(5_000);
    await jest.advanceTimersByTimeAsync(0);
    await rerun.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(2);
  });
});
