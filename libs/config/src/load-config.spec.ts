import { baseConfigSchema } from './base-config.schema';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  const valid = { PORT: '3001', MONGO_URL: 'mongodb://127.0.0.1:27017', MONGO_DB: 'lantern_orders', KAFKA_BROKERS: 'a:9092, b:9092' };

  it('parses and coerces a valid environment', () => {
    const config = loadConfig(baseConfigSchema, valid);
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.LANTERN_JWT_SECRET).toBe('lantern-dev-secret');
  });

  it('names every missing or malformed variable', () => {
    let error: unknown;
    try {
      loadConfig(baseConfigSchema, { PORT: 'eighty', MONGO_URL: 'postgres://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('MONGO_URL: must be a mongodb:// URL');
    expect(message).toContain('MONGO_DB: is required but not set');
    expect(message).toContain('KAFKA_BROKERS: is required but not set');
  });

  it('binds loopback unless told otherwise', () => {
    expect(loadConfig(baseConfigSchema, valid).HOST).toBe('127.0.0.1');
    expect(loadConfig(baseConfigSchema, { ...valid, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  describe('in production', () => {
    const production = { ...valid, NODE_ENV: 'production', LANTERN_PSEUDONYM_KEY: 'an-operator-pseudonym-key-of-32-characters', LANTERN_PERSONAL_DATA_KEY: 'an-operator-personal-data-key-of-32-chars' };
    const failure = (env: Record<string, string>): string => {
      try {
        loadConfig(baseConfigSchema, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).message;
      }
      return 'started';
    };

    it('refuses the development secret, by default or set explicitly, naming LANTERN_JWT_SECRET', () => {
      expect(failure(production)).toMatch(/LANTERN_JWT_SECRET: the development secret is refused when NODE_ENV=production/);
      expect(failure({ ...production, LANTERN_JWT_SECRET: 'lantern-dev-secret' })).toMatch(/^\s+- LANTERN_JWT_SECRET: /m);
    });

    it('refuses a short secret, and accepts a long one or an identity provider instead', () => {
      expect(failure({ ...production, LANTERN_JWT_SECRET: 'short-but-8+' })).toContain('LANTERN_JWT_SECRET: must be at least 32 characters');
      expect(loadConfig(baseConfigSchema, { ...production, LANTERN_JWT_SECRET: 'x'.repeat(32) }).LANTERN_JWT_SECRET).toBe('x'.repeat(32));
      expect(loadConfig(baseConfigSchema, { ...production, LANTERN_JWKS_URL: 'https://idp.example.org/jwks.json' }).NODE_ENV).toBe('production');
    });

    it('refuses the development personal-data key, naming LANTERN_PERSONAL_DATA_KEY', () => {
      const { LANTERN_PERSONAL_DATA_KEY: _key, ...withoutKey } = { ...production, LANTERN_JWT_SECRET: 'x'.repeat(32) };
      expect(failure(withoutKey)).toMatch(/LANTERN_PERSONAL_DATA_KEY: the development key is refused when NODE_ENV=production/);
      expect(failure({ ...withoutKey, LANTERN_PERSONAL_DATA_KEY: 'too-short' })).toContain('LANTERN_PERSONAL_DATA_KEY');
    });

    it('refuses the development pseudonym key, naming LANTERN_PSEUDONYM_KEY', () => {
      const { LANTERN_PSEUDONYM_KEY: _key, ...withoutKey } = { ...production, LANTERN_JWT_SECRET: 'x'.repeat(32) };
      expect(failure(withoutKey)).toMatch(/LANTERN_PSEUDONYM_KEY: the development key is refused when NODE_ENV=production/);
      expect(failure({ ...withoutKey, LANTERN_PSEUDONYM_KEY: 'too-short' })).toContain('LANTERN_PSEUDONYM_KEY');
    });

    it('leaves development and test alone', () => {
      expect(loadConfig(baseConfigSchema, { ...valid, NODE_ENV: 'test' }).LANTERN_JWT_SECRET).toBe('lantern-dev-secret');
    });
  });
});
