import { SignJWT } from 'jose';
import { Role } from './principal';

export interface TokenClaims {
  sub: string;
  roles: Role[];
  stations?: string[];
  name?: string;
}

/** Signs a local-mode (HS256) token. For development, demos and tests — production uses an IdP. */
export async function mintToken(
  claims: TokenClaims,
  { secret = 'lantern-dev-secret', issuer = 'lantern', expiresIn = '12h' }: { secret?: string; issuer?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ roles: claims.roles, stations: claims.stations ?? [], ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
