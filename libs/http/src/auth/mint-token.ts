import { SignJWT } from 'jose';
import { Role } from '@lantern/identity';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  stations?: string[];
  name?: string;
}

export interface MintOptions {
  secret?: string;
  issuer?: string;
  /** The `aud` claim; services accept only their configured audience (LANTERN_JWT_AUDIENCE). */
  audience?: string;
  /** A jose time span (`12h`, `30m`); services refuse tokens issued for longer than their maximum lifetime (24 h by default). */
  expiresIn?: string;
}

/** Signs a local-mode (HS256) token. For development, demos and tests — production uses an IdP. */
export async function mintToken(
  claims: TokenClaims,
  { secret = 'lantern-dev-secret', issuer = 'lantern', audience = 'lantern', expiresIn = '12h' }: MintOptions = {},
): Promise<string> {
  return new SignJWT({ roles: claims.roles, stations: claims.stations ?? [], ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
