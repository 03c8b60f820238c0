import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { withDeadline } from './deadline';
import { Budget, Stats } from './measure';

/** Past the budget's own time limit: the worker's clients finishing their last requests. */
const OVERRUN_DEADLINE_MS = 60_000;

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

/** Runs `budget.concurrency` keep-alive HTTP clients in a worker thread until the budget is spent. */
export function generateLoad(baseUrl: string, request: LoadRequest): Promise<LoadResult> {
  const worker = new Worker(`require(${JSON.stringify(join(__dirname, 'http-load-worker.ts'))})`, {
    eval: true,
    workerData: { baseUrl, request },
  });
  const finished = new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (message: { result?: LoadResult; error?: string }) => {
      void worker.terminate(); // its keep-alive sockets would otherwise keep it running
      if (message.result) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
  });
  const deadlineMs = request.budget.maxMs + OVERRUN_DEADLINE_MS;
  return withDeadline(`the load generator (${request.method} ${request.paths[0]}…) to report`, deadlineMs, finished).catch((error: unknown) => {
    void worker.terminate();
    throw error;
  });
}
