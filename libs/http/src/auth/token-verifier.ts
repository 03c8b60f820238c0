import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Principal, Role, ROLES } from './principal';

export interface TokenVerifierOptions {
  /** HS256 shared secret (local mode). */
  secret: string;
  issuer: string;
  /** When set, RS256 tokens are verified against this JWKS instead (production). */
  jwksUrl?: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Verifies bearer tokens and turns their claims into a Principal. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(options.jwksUrl));
      this.algorithms = ['RS256'];
    } else {
      this.key = new TextEncoder().encode(options.secret);
      this.algorithms = ['HS256'];
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Uint8Array, { issuer: this.options.issuer, algorithms: this.algorithms }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    return principalFromClaims(payload);
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const roles = payload.roles;
  const stations = payload.stations ?? [];
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new InvalidTokenError('token has no subject');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((role) => ROLES.includes(role as Role))) {
    throw new InvalidTokenError('token roles are missing or unknown');
  }
  if (!Array.isArray(stations) || !stations.every((station) => typeof station === 'string')) {
    throw new InvalidTokenError('token stations must be a list of station ids');
  }
  return {
    sub: payload.sub,
    roles: roles as Role[],
    stations: stations as string[],
    name: typeof payload.name === 'string' ? payload.name : undefined,
  };
}
