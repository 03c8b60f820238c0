import { mintToken, TokenClaims } from '@lantern/http';

/** A bearer token for a test principal, signed like local mode signs them (issuer, audience and a 12 h lifetime included). */
export function tokenFor(claims: TokenClaims): Promise<string> {
  return mintToken(claims, {
    secret: process.env.LANTERN_JWT_SECRET ?? 'lantern-dev-secret',
    issuer: process.env.LANTERN_JWT_ISSUER,
    audience: process.env.LANTERN_JWT_AUDIENCE,
  });
}
