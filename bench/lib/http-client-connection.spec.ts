import { encodeRequest } from './http-client-connection';

describe('encodeRequest', () => {
  it('writes the request line, host, bearer token, extra headers and a JSON body with its length', () => {
    const request = encodeRequest({ method: 'POST', path: '/v1/orders', host: '127.0.0.1:3000', token: 't0k', headers: { 'idempotency-key': 'k-1' }, body: { serviceCode: 'après' } });
    const body = JSON.stringify({ serviceCode: 'après' });
    expect(request.toString('utf8')).toBe(
      ['POST /v1/orders HTTP/1.1', 'host: 127.0.0.1:3000', 'authorization: Bearer t0k', 'content-type: application/json', `content-length: ${Buffer.byteLength(body)}`, 'idempotency-key: k-1', '', body].join('\r\n'),
    );
  });

  it('sends no body headers without a body', () => {
    expect(encodeRequest({ method: 'GET', path: '/v1/stations', host: 'h:1' }).toString('latin1')).toBe('GET /v1/stations HTTP/1.1\r\nhost: h:1\r\n\r\n');
  });
});
