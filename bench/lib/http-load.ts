import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Budget, Stats } from './measure';

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
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (message: { result?: LoadResult; error?: string }) => {
      void worker.terminate(); // its keep-alive sockets would otherwise keep it running
      if (message.result) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
  });
}
