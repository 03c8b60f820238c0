import { createServer } from 'node:http';
import { BenchResources } from '../lib/bench-infra';
import { generateLoad } from '../lib/http-load';
import { Budget } from '../lib/measure';
import { BenchResult } from '../lib/result';
import { CEILING_CLIENTS } from './mongo-ceiling';

const BODY = JSON.stringify({ ok: true });

/** What plain Node HTTP does here: a bare server answering a tiny JSON, 16 keep-alive clients. */
export async function httpCeiling(resources: BenchResources, budget: Budget): Promise<BenchResult> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    response.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.onClose('ceiling HTTP server', () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const { stats, statuses } = await generateLoad(`http://127.0.0.1:${port}`, {
    method: 'GET',
    paths: ['/'],
    expectStatus: 200,
    budget: { ...budget, concurrency: CEILING_CLIENTS },
  });
  return { id: 'ceiling.http', label: 'ceiling: bare node:http, tiny JSON', concurrency: CEILING_CLIENTS, stats, extra: { statuses } };
}
