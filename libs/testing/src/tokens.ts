import { mintToken, TokenClaims } from '@lantern/http';

/** A bearer token for a test principal, signed like local mode signs them. */
export function tokenFor(claims: TokenClaims): Promise<string> {
  return mintToken(claims, { secret: process.env.LANTERN_JWT_SECRET ?? 'lantern-dev-secret' });
}
