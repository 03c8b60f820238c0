// The load generator's thread: HTTP clients on an event loop of their own, so that the
// service under test (in the main thread) does not also pay for the clients' work.
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { encodeRequest, HttpClientConnection } from './http-client-connection';
import { measure } from './measure';
import type { LoadGeneratorMessage, LoadRequest, LoadResult } from './http-load';

async function run({ baseUrl, request }: { baseUrl: string; request: LoadRequest }): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const ids: string[] = [];
  const statuses: Record<string, number> = {};
  const parts = (path: string, headers?: Record<string, string>) => ({ method: request.method, path, host: url.host, token: request.token, body: request.body, headers });
  // The requests do not change from one to the next (but for a fresh Idempotency-Key): built once.
  const fixed = request.paths.map((path) => encodeRequest(parts(path)));
  const build = (pathIndex: number): Buffer =>
    request.idempotencyKey ? encodeRequest(parts(request.paths[pathIndex], { 'idempotency-key': randomUUID() })) : fixed[pathIndex];
  // One connection per client: each client waits for its answer before its next request.
  const connections = Array.from({ length: request.budget.concurrency ?? 1 }, () => new HttpClientConnection(url.hostname, Number(url.port || 80)));
  const idle = [...connections];
  try {
    const stats = await measure(async (index) => {
      const pathIndex = Math.abs(index) % request.paths.length;
      const connection = idle.pop()!; // as many connections as clients: one is always free
      try {
        const response = await connection.send(build(pathIndex));
        if (index >= 0) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status !== request.expectStatus) throw new Error(`${request.method} ${request.paths[pathIndex]} answered ${response.status}: ${response.body.toString('utf8', 0, 200)}`);
        if (request.collectIds && index >= 0) ids.push((JSON.parse(response.body.toString('utf8')) as { id: string }).id);
      } finally {
        idle.push(connection);
      }
    }, request.budget);
    return { stats, statuses, ids };
  } finally {
    for (const connection of connections) connection.close();
  }
}

const port = parentPort!;
const answer = (message: LoadGeneratorMessage) => port.postMessage(message);
// Runs come one at a time, for as long as the thread is kept (LoadGenerator).
port.on('message', (task: { baseUrl: string; request: LoadRequest }) => {
  run(task).then(
    (result) => answer({ result }),
    (error: unknown) => answer({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
answer({ ready: true });
