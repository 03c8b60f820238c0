import { unauthenticated } from '../problem/problem';
import { Principal } from '@lantern/identity';
import { TokenPolicy } from './token-policy';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

/**
 * What a refused caller is told: whether to get a new token, nothing more. Which check failed
 * (audience, lifetime, signature…) would help a forger tune the next attempt.
 */
const REFUSALS: Record<InvalidTokenError['kind'], string> = {
  expired: 'The bearer token has expired; get a new one',
  invalid: 'The bearer token is invalid',
};

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or undefined. */
export function bearerTokenOf(header: unknown): string | undefined {
  return typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

/** The caller a bearer token proves, or a 401 problem that says no more than "expired" or "invalid". */
export async function authenticateBearer(verifier: TokenVerifier, token: string, policy: TokenPolicy): Promise<Principal> {
  try {
    return await verifier.verify(token, policy);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(REFUSALS[error.kind]);
    throw error;
  }
}
