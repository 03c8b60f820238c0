import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { withDeadline } from './deadline';
import { Budget, Stats } from './measure';

/** Past the budget's own time limit: the worker's clients finishing their last requests. */
const OVERRUN_DEADLINE_MS = 60_000;
/** Loading the thread (its TypeScript compiled on the way): about a second, more on a loaded machine. */
const START_DEADLINE_MS = 60_000;

export interface LoadRequest {
  method: 'GET' | 'POST';
  /** Requests go to these paths in turn. */
  paths: string[];
  body?: unknown;
  token?: string;
  /** Send a fresh `Idempotency-Key` with each request, as integrators are asked to. */
  idempotencyKey?: boolean;
  expectStatus: number;
  /** Keep the `id` of each response body (e.g. the orders just placed). */
  collectIds?: boolean;
  budget: Budget;
}

export interface LoadResult {
  stats: Stats;
  /** Responses by status code (measured requests only). */
  statuses: Record<string, number>;
  ids: string[];
}

/** What the load generator's thread answers: ready once loaded, then one answer per run. */
export type LoadGeneratorMessage = { ready: true } | { result: LoadResult } | { error: string };

/**
 * A load generator's thread kept for several runs. A thread costs memory of its own (a V8 isolate,
 * the TypeScript loader, malloc arenas that outlive it): started once, before a measurement begins,
 * it is not counted as growth of the service beside it, however many runs it makes.
 */
export class LoadGenerator {
  private failed?: Error;

  private constructor(private readonly worker: Worker) {}

  /** Resolves once the thread is loaded and waiting for its first run. */
  static async start(): Promise<LoadGenerator> {
    const worker = new Worker(`require(${JSON.stringify(join(__dirname, 'http-load-worker.ts'))})`, { eval: true });
    const generator = new LoadGenerator(worker);
    await withDeadline('the load generator thread to load', START_DEADLINE_MS, generator.next()).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return generator;
  }

  /** Runs `budget.concurrency` keep-alive HTTP clients until the budget is spent; one run at a time. */
  async run(baseUrl: string, request: LoadRequest): Promise<LoadResult> {
    if (this.failed) throw new Error(`the load generator failed before: ${this.failed.message}`);
    const answered = this.next();
    this.worker.postMessage({ baseUrl, request });
    const deadlineMs = request.budget.maxMs + OVERRUN_DEADLINE_MS;
    try {
      const message = await withDeadline(`the load generator (${request.method} ${request.paths[0]}…) to report`, deadlineMs, answered);
      if ('result' in message) return message.result;
      throw new Error(`load generator failed: ${'error' in message ? message.error : 'it answered ready again'}`);
    } catch (error) {
      this.failed = error instanceof Error ? error : new Error(String(error));
      await this.worker.terminate();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private next(): Promise<LoadGeneratorMessage> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        this.worker.off('exit', onExit);
      };
      const onMessage = (message: LoadGeneratorMessage) => {
        settle();
        resolve(message);
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`load generator exited with code ${code}`));
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.on('exit', onExit);
    });
  }
}

/** One run on a thread of its own, started and stopped around it. */
export async function generateLoad(baseUrl: string, request: LoadRequest): Promise<LoadResult> {
  const generator = await LoadGenerator.start();
  try {
    return await generator.run(baseUrl, request);
  } finally {
    await generator.stop();
  }
}
