import pino, { Logger, LoggerOptions } from 'pino';
import { currentContext } from './request-context';

/**
 * Paths that may hold personal data. They are censored wherever they appear in a log line,
 * so that a careless `logger.info({ body })` cannot leak a phone number or an address.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.phone',
  '*.address',
  '*.details',
  '*.idNumber',
  '*.secret',
  '*.password',
  '*.*.phone',
  '*.*.address',
  '*.*.details',
  '*.*.idNumber',
  'phone',
  'address',
  'details',
  'idNumber',
];

export function createLogger(service: string, level: LoggerOptions['level'] = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    // Every line carries the correlation id of the work it belongs to.
    mixin() {
      const context = currentContext();
      return context ? { correlationId: context.correlationId, causationId: context.causationId } : {};
    },
  });
}
