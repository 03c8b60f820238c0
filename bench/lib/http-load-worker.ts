// The load generator's thread: HTTP clients on an event loop of their own, so that the
// service under test (in the main thread) does not also pay for the clients' work.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { measure } from './measure';
import type { LoadRequest, LoadResult } from './http-load';

async function run({ baseUrl, request }: { baseUrl: string; request: LoadRequest }): Promise<LoadResult> {
  const ids: string[] = [];
  const statuses: Record<string, number> = {};
  const headers: Record<string, string> = { ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  const stats = await measure(async (index) => {
    const path = request.paths[Math.abs(index) % request.paths.length];
    const response = await fetch(`${baseUrl}${path}`, {
      method: request.method,
      headers: request.idempotencyKey ? { ...headers, 'idempotency-key': randomUUID() } : headers,
      body: payload,
    });
    const text = await response.text();
    if (index >= 0) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status !== request.expectStatus) throw new Error(`${request.method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    if (request.collectIds && index >= 0) ids.push((JSON.parse(text) as { id: string }).id);
  }, request.budget);
  return { stats, statuses, ids };
}

run(workerData).then(
  (result) => parentPort!.postMessage({ result }),
  (error: unknown) => parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
