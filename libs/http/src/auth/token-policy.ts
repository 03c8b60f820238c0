import type { BaseConfig } from '@lantern/config';

/**
 * What a bearer token must prove besides its signature and issuer. Without these a leaked or
 * hand-made token would be good for ever: `exp` is required, `iat` may not lie in the future,
 * a token may not be issued for longer than the maximum lifetime, and it must be meant for us.
 */
export interface TokenPolicy {
  /** The `aud` a token must name (one of its audiences). */
  audience: string;
  /** Longest `exp − iat` accepted, in seconds; a token without `iat` cannot prove it and is refused. */
  maxLifetimeSeconds: number;
  /** Clock difference tolerated between the issuer and us, in seconds (for `exp`, `nbf` and `iat`). */
  clockSkewSeconds: number;
}

export const DEFAULT_TOKEN_POLICY: TokenPolicy = {
  audience: 'lantern',
  maxLifetimeSeconds: 24 * 60 * 60,
  clockSkewSeconds: 60,
};

/** The policy a service is configured with (LANTERN_JWT_AUDIENCE, _MAX_LIFETIME_SECONDS, _CLOCK_SKEW_SECONDS). */
export function tokenPolicyFrom(
  config: Pick<BaseConfig, 'LANTERN_JWT_AUDIENCE' | 'LANTERN_JWT_MAX_LIFETIME_SECONDS' | 'LANTERN_JWT_CLOCK_SKEW_SECONDS'> | undefined,
): TokenPolicy {
  if (!config) return DEFAULT_TOKEN_POLICY;
  return {
    audience: config.LANTERN_JWT_AUDIENCE ?? DEFAULT_TOKEN_POLICY.audience,
    maxLifetimeSeconds: config.LANTERN_JWT_MAX_LIFETIME_SECONDS ?? DEFAULT_TOKEN_POLICY.maxLifetimeSeconds,
    clockSkewSeconds: config.LANTERN_JWT_CLOCK_SKEW_SECONDS ?? DEFAULT_TOKEN_POLICY.clockSkewSeconds,
  };
}
