import { encodeRequest, HttpClientConnection } from '../lib/http-client-connection';

export interface JourneyCallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JourneyAnswer {
  status: number;
  /** The JSON body, or its text when it is not JSON, or undefined when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- journeys read the fields they expect
}

/** Calls one service: `client('POST', '/v1/orders', { token, body })`. */
export type JourneyHttp = (method: string, path: string, options?: JourneyCallOptions) => Promise<JourneyAnswer>;

/**
 * A connection unused for longer than this is closed rather than reused: Node's HTTP servers drop
 * idle keep-alive connections after 5 s (fastify's after 72 s), and a request written as the
 * server closes its end would fail although the service is fine.
 */
const REUSE_WITHIN_MS = 4_000;

/**
 * The journeys' HTTP client: keep-alive connections from a pool, one request at a time on each,
 * on the bench's own HTTP/1.1 connection (../lib/http-client-connection.ts), the client the
 * orders load generator uses. The bench shares the two cores with the stack it measures, so
 * what its client spends is taken from the services. With `fetch` the bench process spent 10.6 /
 * 10.6 ms of CPU per journey (8 calls), with this 6.1 / 6.9 ms (16 journeys at a time, 25 s, two
 * runs each).
 */
export function journeyHttp(baseUrl: string): JourneyHttp {
  const url = new URL(baseUrl);
  const host = url.hostname;
  const port = Number(url.port || 80);
  const idle: { connection: HttpClientConnection; since: number }[] = [];

  const take = (): HttpClientConnection => {
    for (let spare = idle.pop(); spare; spare = idle.pop()) {
      if (performance.now() - spare.since < REUSE_WITHIN_MS) return spare.connection;
      spare.connection.close();
    }
    return new HttpClientConnection(host, port);
  };

  return async (method, path, options = {}) => {
    const request = encodeRequest({ method, path, host: url.host, token: options.token, body: options.body, headers: { accept: 'application/json', ...options.headers } });

    const connection = take();
    let response;
    try {
      response = await connection.send(request);
    } catch (error) {
      connection.close();
      throw error;
    }
    idle.push({ connection, since: performance.now() });
    return { status: response.status, body: parseBody(response.body) };
  };
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
