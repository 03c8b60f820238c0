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
});
