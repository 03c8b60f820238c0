import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './create-logger';
import { runWithContext } from './request-context';
import { createLogger } from './create-logger';

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink) };
}

describe('logging', () => {
  it('never writes phone numbers, addresses or confidential details', () => {
    const { lines, logger } = captureLogger();
    logger.info({ body: { phone: '13800000000', address: '1 Main St', details: 'private', rating: 5 } }, 'received');
    expect(lines[0].body).toEqual({ phone: '[redacted]', address: '[redacted]', details: '[redacted]', rating: 5 });
  });

  it('stamps the correlation id of the current context on every line', () => {
    const logger = createLogger('test');
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    (process.stdout as unknown as { write: unknown }).write = (chunk: string) => written.push(chunk) > 0;
    try {
      runWithContext({ correlationId: 'corr-1' }, () => logger.info('inside'));
      logger.flush?.();
    } finally {
      (process.stdout as unknown as { write: unknown }).write = original;
    }
    expect(written.join('')).toContain('"correlationId":"corr-1"');
  });
});
