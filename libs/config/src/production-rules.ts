import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_PERSONAL_DATA_KEY, DEVELOPMENT_PSEUDONYM_KEY } from './base-config.schema';

/** Shortest HS256 secret accepted in production: 256 bits of key, as HS256 wants. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * Rules across variables, which a per-variable schema cannot express. In production, tokens
 * signed with the development secret (which is in this repository for anyone to read) must not
 * be accepted: either a real secret of its own or an identity provider's JWKS.
 * Returns one "NAME: why" line per problem; none when the configuration is fit to run.
 */
export function crossVariableProblems(config: Record<string, unknown>): string[] {
  return [...jwtSecretProblems(config), ...pseudonymKeyProblems(config), ...personalDataKeyProblems(config)];
}

/** Pseudonyms sealed with a key anyone can read in this repository would hide nobody. */
function pseudonymKeyProblems(config: Record<string, unknown>): string[] {
  if (config.NODE_ENV !== 'production' || config.LANTERN_PSEUDONYM_KEY !== DEVELOPMENT_PSEUDONYM_KEY) return [];
  return [
    'LANTERN_PSEUDONYM_KEY: the development key is refused when NODE_ENV=production; set LANTERN_PSEUDONYM_KEY to 32+ random characters, the same for every Lantern service',
  ];
}

/** A master key anyone can read in this repository would unwrap every person's data key. */
function personalDataKeyProblems(config: Record<string, unknown>): string[] {
  if (config.NODE_ENV !== 'production' || config.LANTERN_PERSONAL_DATA_KEY !== DEVELOPMENT_PERSONAL_DATA_KEY) return [];
  return ['LANTERN_PERSONAL_DATA_KEY: the development key is refused when NODE_ENV=production; set LANTERN_PERSONAL_DATA_KEY to 32+ random characters'];
}

function jwtSecretProblems(config: Record<string, unknown>): string[] {
  if (config.NODE_ENV !== 'production' || config.LANTERN_JWKS_URL) return [];
  const secret = config.LANTERN_JWT_SECRET;
  if (secret === undefined) return [];
  if (secret === DEVELOPMENT_JWT_SECRET) {
    return [
      `LANTERN_JWT_SECRET: the development secret is refused when NODE_ENV=production; set LANTERN_JWT_SECRET to a secret of ${MIN_PRODUCTION_SECRET_LENGTH}+ random characters, or LANTERN_JWKS_URL to verify an identity provider's tokens`,
    ];
  }
  if (typeof secret === 'string' && secret.length < MIN_PRODUCTION_SECRET_LENGTH) {
    return [`LANTERN_JWT_SECRET: must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters when NODE_ENV=production`];
  }
  return [];
}
