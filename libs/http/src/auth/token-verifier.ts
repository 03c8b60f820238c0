import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyOptions, JWTVerifyResult } from 'jose';
import { Principal, Role, ROLES } from '@lantern/identity';
import { DEFAULT_TOKEN_POLICY, TokenPolicy } from './token-policy';

export interface TokenVerifierOptions extends Partial<TokenPolicy> {
  /** HS256 shared secret (local mode). */
  secret: string;
  issuer: string;
  /** When set, RS256 tokens are verified against this JWKS instead (production). */
  jwksUrl?: string;
}

/**
 * Why a token was refused. `reason` is for logs and tests only: callers are told no more than
 * `expired` or `invalid`, so that a forger learns nothing about which check caught them.
 */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';

  constructor(
    readonly reason: string,
    readonly kind: 'expired' | 'invalid' = 'invalid',
  ) {
    super(reason);
  }
}

/** Verifies bearer tokens and turns their claims into a Principal. */
export class TokenVerifier {
  private readonly verifySignature: (token: string, options: JWTVerifyOptions) => Promise<JWTVerifyResult>;
  private readonly algorithms: string[];
  private readonly policy: TokenPolicy;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.jwksUrl) {
      const keySet = createRemoteJWKSet(new URL(options.jwksUrl));
      this.verifySignature = (token, verifyOptions) => jwtVerify(token, keySet, verifyOptions);
      this.algorithms = ['RS256'];
    } else {
      // Imported once: given the secret's bytes, jose imports them again for every token it
      // verifies (`crypto.subtle.importKey`, ~1 % of a service's CPU under load).
      const secret = crypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      this.verifySignature = async (token, verifyOptions) => jwtVerify(token, await secret, verifyOptions);
      this.algorithms = ['HS256'];
    }
    this.policy = {
      audience: options.audience ?? DEFAULT_TOKEN_POLICY.audience,
      maxLifetimeSeconds: options.maxLifetimeSeconds ?? DEFAULT_TOKEN_POLICY.maxLifetimeSeconds,
      clockSkewSeconds: options.clockSkewSeconds ?? DEFAULT_TOKEN_POLICY.clockSkewSeconds,
    };
  }

  /** `policy` overrides the one given at construction (the platform passes the configured one). */
  async verify(token: string, policy: TokenPolicy = this.policy): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.verifySignature(token, {
        issuer: this.options.issuer,
        audience: policy.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: policy.clockSkewSeconds,
        // Also refuses an `iat` in the future (beyond the tolerance).
        maxTokenAge: policy.maxLifetimeSeconds,
      }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid token';
      // jose says "expired" also for an `iat` too far in the past: for the caller both mean "get a new one".
      throw new InvalidTokenError(reason, error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
    if ((payload.exp as number) - (payload.iat as number) > policy.maxLifetimeSeconds) {
      throw new InvalidTokenError(`token lifetime exceeds ${policy.maxLifetimeSeconds} s`);
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
