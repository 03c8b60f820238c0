import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ResolvedAddress } from './webhook-target-policy';

/**
 * A lookup that answers with addresses already checked instead of asking DNS again: the
 * connection goes where the check looked. TLS still verifies the certificate against the URL's
 * host name (SNI and verification use the name, not the address).
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses.map(({ address, family }) => ({ address, family })));
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

export interface PinnedPost {
  url: URL;
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Thrown when the receiver did not answer in time. */
export class ReceiverTimeoutError extends Error {
  override name = 'ReceiverTimeoutError';
}

/**
 * POSTs to the checked addresses and resolves with the status code once the headers arrive (the
 * body is not read). No redirect is followed and no connection is reused: each attempt connects
 * afresh to what was checked for it.
 */
export function postPinned({ url, addresses, headers, body, timeoutMs }: PinnedPost): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise<number>((resolve, reject) => {
    const request = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinnedLookup(addresses), agent: false, signal }, (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on('error', (error) => reject(signal.aborted ? new ReceiverTimeoutError(`no answer within ${timeoutMs} ms`) : error));
    request.end(body);
  });
}
