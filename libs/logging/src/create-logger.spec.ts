import { inSpan, startTelemetry } from '@lantern/telemetry';
import { createLogger, fixedFieldsLogger } from './create-logger';
import { scrubPersonalData } from './personal-data-patterns';
import { runWithContext } from './request-context';

/** The service logger itself (not a copy of its settings), writing into an array. */
function captureLogger(level = 'info') {
  const lines: string[] = [];
  const logger = createLogger('test', level, { write: (line: string) => void lines.push(line) });
  return { lines, logger };
}

describe('logging', () => {
  it('never writes phone numbers, addresses or confidential details named by their field', () => {
    const { lines, logger } = captureLogger();
    logger.info({ body: { phone: '13800000000', address: '1 Main St', details: 'private', rating: 5 } }, 'received');
    expect(JSON.parse(lines[0]).body).toEqual({ phone: '[redacted]', address: '[redacted]', details: '[redacted]', rating: 5 });
  });

  it('censors a phone or ID number quoted inside an error: its message, its stack and its own fields', () => {
    const { lines, logger } = captureLogger();
    const error = Object.assign(new Error('E11000 dup key: { mobile: "+86 13912345678", card: "44190019900101123X" }'), {
      op: { contact: '0086-13912345678' },
    });
    logger.error({ err: error }, 'request failed');
    expect(lines[0]).not.toMatch(/13912345678|44190019900101123X/);
    const line = JSON.parse(lines[0]);
    expect(line.err.message).toBe('E11000 dup key: { mobile: "[redacted:phone]", card: "[redacted:id-number]" }');
    expect(line.err.stack).toContain('[redacted:phone]');
    expect(line.err.op).toEqual({ contact: '[redacted:phone]' });
  });

  it('leaves ids, offsets and millisecond timestamps alone', () => {
    const text = 'order ord-20261202-0001 offset 13912 at 1764662400000, trace 4bf92f3577b34da6a3ce929d0e0e4736';
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('stamps the trace_id and span_id of the active span on every line, and none outside a span', async () => {
    startTelemetry({ service: 'test', instrument: false });
    const { lines, logger } = captureLogger();
    const ids = await inSpan('work', {}, async (span) => {
      logger.info('inside');
      return span.spanContext();
    });
    logger.info('outside');
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(lines[0])).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    expect(JSON.parse(lines[1])).not.toHaveProperty('trace_id');
  });

  it('stamps the correlation id of the current context on every line', () => {
    const { lines, logger } = captureLogger();
    runWithContext({ correlationId: 'corr-1' }, () => logger.info('inside'));
    expect(JSON.parse(lines[0]).correlationId).toBe('corr-1');
  });

  it('a fixed-fields logger (the access line) writes what the logger writes, and still censors phone and ID numbers by shape', () => {
    const { lines, logger } = captureLogger();
    const access = fixedFieldsLogger(logger);
    runWithContext({ correlationId: '13912345678' }, () => {
      logger.info({ method: 'GET', route: '/v1/catalogue', status: 200, ms: 1 }, 'request completed');
      access.info({ method: 'GET', route: '/v1/catalogue', status: 200, ms: 1 }, 'request completed');
    });
    const [full, fixed] = lines.map((line) => JSON.parse(line));
    expect(fixed).toEqual({ ...full, time: fixed.time });
    expect(fixed).toMatchObject({ service: 'test', level: 'info', correlationId: '[redacted:phone]', route: '/v1/catalogue', status: 200 });
    expect(fixed.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
