import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mintToken } from './mint-token';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'test-secret-123';
const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly the claims given (none added), signed with the shared secret: how a forger would make one. */
function handMade(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT({ roles: ['resident'], stations: [], ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

async function refusal(verifier: TokenVerifier, token: string): Promise<InvalidTokenError> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}

describe('TokenVerifier', () => {
  describe('local mode (HS256 with the shared secret)', () => {
    const verifier = new TokenVerifier({ secret: SECRET, issuer: 'lantern' });
    const good = { sub: 'x', iss: 'lantern', aud: 'lantern' };

    it('turns valid claims into a principal', async () => {
      const token = await mintToken({ sub: 'sw-1', roles: ['social_worker'], stations: ['meisha-centre'], name: 'Li' }, { secret: SECRET });
      await expect(verifier.verify(token)).resolves.toEqual({ sub: 'sw-1', roles: ['social_worker'], stations: ['meisha-centre'], name: 'Li' });
    });

    it('accepts a hand-made token with every required claim, and an iat a little ahead of our clock (skew)', async () => {
      await expect(verifier.verify(await handMade({ ...good, iat: now(), exp: now() + 3600 }))).resolves.toMatchObject({ sub: 'x' });
      await expect(verifier.verify(await handMade({ ...good, iat: now() + 30, exp: now() + 3600 }))).resolves.toMatchObject({ sub: 'x' });
    });

    it.each([
      ['a wrong secret', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: 'another-secret' }), /signature/],
      ['a wrong issuer', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: SECRET, issuer: 'evil' }), /"iss"/],
      ['a wrong audience', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: SECRET, audience: 'another-app' }), /"aud"/],
      ['an unknown role', () => mintToken({ sub: 'x', roles: ['emperor' as never] }, { secret: SECRET }), /roles/],
      ['no roles', () => mintToken({ sub: 'x', roles: [] }, { secret: SECRET }), /roles/],
      ['no exp (a token that never expires)', () => handMade({ ...good, iat: now() }), /"exp"/],
      ['no iat (its lifetime cannot be bounded)', () => handMade({ ...good, exp: now() + 3600 }), /"iat"/],
      ['no aud', () => handMade({ sub: 'x', iss: 'lantern', iat: now(), exp: now() + 3600 }), /"aud"/],
      ['no sub', () => handMade({ iss: 'lantern', aud: 'lantern', iat: now(), exp: now() + 3600 }), /"sub"/],
      ['an iat ten years in the future', () => handMade({ ...good, iat: now() + 10 * 365 * 86400, exp: now() + 10 * 365 * 86400 + 3600 }), /"iat".*past/],
      ['an iat beyond the clock skew', () => handMade({ ...good, iat: now() + 120, exp: now() + 3600 }), /"iat".*past/],
      ['a lifetime over the maximum (exp − iat > 24 h)', () => handMade({ ...good, iat: now(), exp: now() + 25 * 3600 }), /lifetime/],
      ['a ten-year token', () => mintToken({ sub: 'x', roles: ['resident'] }, { secret: SECRET, expiresIn: '3650d' }), /lifetime/],
      ['a non-numeric exp', () => handMade({ ...good, iat: now(), exp: 'tomorrow' }), /"exp"/],
    ] as const)('rejects %s as invalid', async (_label, makeToken, reason) => {
      const error = await refusal(verifier, await makeToken());
      expect(error.kind).toBe('invalid');
      expect(error.reason).toMatch(reason);
    });

    it('rejects an expired token as expired', async () => {
      const token = await mintToken({ sub: 'x', roles: ['resident'] }, { secret: SECRET, expiresIn: '-2m' });
      expect((await refusal(verifier, token)).kind).toBe('expired');
    });

    it('rejects an unsigned (alg none) token', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ ...good, roles: ['admin'], iat: now(), exp: now() + 60 })).toString('base64url');
      await refusal(verifier, `${header}.${body}.`);
    });

    it('applies the policy it is given: audience, maximum lifetime and skew are configurable', async () => {
      const policy = { audience: 'hotline', maxLifetimeSeconds: 600, clockSkewSeconds: 0 };
      const forHotline = (expiresIn: string) => mintToken({ sub: 'x', roles: ['integrator'] }, { secret: SECRET, audience: 'hotline', expiresIn });
      await expect(verifier.verify(await forHotline('5m'), policy)).resolves.toMatchObject({ sub: 'x' });
      await expect(verifier.verify(await forHotline('1h'), policy)).rejects.toBeInstanceOf(InvalidTokenError);
      await expect(verifier.verify(await mintToken({ sub: 'x', roles: ['integrator'] }, { secret: SECRET, expiresIn: '5m' }), policy)).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });

  describe('production mode (RS256 against a JWKS URL)', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: CryptoKey;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const sign = (key: CryptoKey, alg = 'RS256') =>
      new SignJWT({ roles: ['integrator'], stations: [] })
        .setProtectedHeader({ alg, kid: 'k1' })
        .setSubject('hotline-12345')
        .setIssuer('lantern')
        .setAudience('lantern')
        .setIssuedAt()
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
