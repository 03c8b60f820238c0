import { connect, Socket } from 'node:net';

export interface RawResponse {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * One keep-alive HTTP/1.1 connection that sends one request at a time and waits for its answer
 * (no pipelining), as a browser's or an SDK's agent does. Written on node:net with the least
 * parsing a load generator needs (status, Content-Length or chunked body, Connection: close),
 * because `fetch` costs the generator's thread more per request than a small server does to
 * answer it: with fetch, the generator, not the server, was what the HTTP ceiling measured.
 */
export class HttpClientConnection {
  private socket?: Socket;
  private received: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (response: RawResponse) => void; reject: (error: Error) => void };

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends `request` (a whole HTTP/1.1 request: head and body) and resolves with the response. */
  send(request: Buffer): Promise<RawResponse> {
    if (this.waiting) return Promise.reject(new Error('a request is already under way on this connection'));
    const socket = this.socket ?? this.open();
    return new Promise<RawResponse>((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (error: Error) => {
      if (this.socket !== socket) return; // closed by us after a complete answer (Connection: close)
      this.socket = undefined;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection before answering')));
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const parsed = parseResponse(this.received);
    if (!parsed) return;
    this.received = Buffer.alloc(0);
    if (parsed.close) this.close();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(parsed.response);
  }
}

export interface RequestParts {
  method: string;
  path: string;
  /** The `Host` header: the base URL's host and port. */
  host: string;
  token?: string;
  headers?: Record<string, string>;
  /** JSON-encoded as the body. */
  body?: unknown;
}

/** A whole HTTP/1.1 request, head and JSON body, as `HttpClientConnection.send` takes it. */
export function encodeRequest({ method, path, host, token, headers = {}, body }: RequestParts): Buffer {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const head = [`${method} ${path} HTTP/1.1`, `host: ${host}`];
  if (token) head.push(`authorization: Bearer ${token}`);
  if (payload) head.push('content-type: application/json', `content-length: ${payload.length}`);
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  const encodedHead = Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1');
  return payload ? Buffer.concat([encodedHead, payload]) : encodedHead;
}

/** A complete response at the start of `data`, or undefined while more is to come. */
export function parseResponse(data: Buffer): { response: RawResponse; close: boolean } | undefined {
  const headEnd = data.indexOf(HEADER_END);
  if (headEnd < 0) return undefined;
  const lines = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  let contentLength = 0;
  let chunked = false;
  let close = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') contentLength = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  const bodyStart = headEnd + HEADER_END.length;
  if (!chunked) {
    if (data.length < bodyStart + contentLength) return undefined;
    return { response: { status, body: data.subarray(bodyStart, bodyStart + contentLength) }, close };
  }
  const parts: Buffer[] = [];
  let at = bodyStart;
  for (;;) {
    const sizeEnd = data.indexOf(CRLF, at);
    if (sizeEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, sizeEnd).toString('latin1'), 16);
    const chunkStart = sizeEnd + CRLF.length;
    if (data.length < chunkStart + size + CRLF.length) return undefined;
    if (size === 0) return { response: { status, body: Buffer.concat(parts) }, close }; // no trailers from these servers
    parts.push(data.subarray(chunkStart, chunkStart + size));
    at = chunkStart + size + CRLF.length;
  }
}
