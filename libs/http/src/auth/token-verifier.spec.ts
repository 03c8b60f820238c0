import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mintToken } from './mint-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  describe('local mode (HS256 with the shared secret)', () => {
    const verifier = new TokenVerifier({ secret: 'test-secret-123', issuer: 'lantern' });

    it('turns valid claims into a principal', async () => {
      const token = await mintToken({ sub: 'sw-1', roles: ['social_worker'], stations: ['meisha-centre'], name: 'Li' }, { secret: 'test-secret-123' });
      await expect(verifier.verify(token)).resolves.toEqual({ sub: 'sw-1', roles: ['social_worker'], stations: ['meisha-centre'], name: 'Li' });
    });

    it.each([
      ['a wrong secret', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: 'another-secret' })],
      ['a wrong issuer', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: 'test-secret-123', issuer: 'evil' })],
      ['an expired token', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: 'test-secret-123', expiresIn: '-1m' })],
      ['an unknown role', () => mintToken({ sub: 'x', roles: ['emperor' as never] }, { secret: 'test-secret-123' })],
      ['no roles', () => mintToken({ sub: 'x', roles: [] }, { secret: 'test-secret-123' })],
    ])('rejects %s', async (_label, makeToken) => {
      await expect(verifier.verify(await makeToken())).rejects.toBeInstanceOf(InvalidTokenError);
    });

    it('rejects an unsigned (alg none) token', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], iss: 'lantern' })).toString('base64url');
      await expect(verifier.verify(`${header}.${body}.`)).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });

  describe('production mode (RS256 against a JWKS URL)', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: KeyLike;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const sign = (key: KeyLike, alg = 'RS256') =>
      new SignJWT({ roles: ['integrator'], stations: [] })
        .setProtectedHeader({ alg, kid: 'k1' })
        .setSubject('hotline-12345')
        .setIssuer('lantern')
        .setExpirationTime('5m')
        .sign(key);

    it('verifies a token signed by the identity provider key', async () => {
      const verifier = new TokenVerifier({ secret: 'unused-secret', issuer: 'lantern', jwksUrl });
      await expect(verifier.verify(await sign(privateKey))).resolves.toMatchObject({ sub: 'hotline-12345', roles: ['integrator'] });
    });

    it('refuses an HS256 token made with the local secret once a JWKS is configured', async () => {
      const verifier = new TokenVerifier({ secret: 'unused-secret', issuer: 'lantern', jwksUrl });
      const local = await mintToken({ sub: 'x', roles: ['admin'] }, { secret: 'unused-secret' });
      await expect(verifier.verify(local)).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });
});
