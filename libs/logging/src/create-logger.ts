import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { scrubPersonalData } from './personal-data-patterns';
import { activeSpanIds } from '@lantern/telemetry';
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

/**
 * The one logger every service uses. Personal data is kept out twice: by field name (the paths
 * above), and by shape in the finished line, so a phone or ID number quoted inside an error
 * message, a stack or an error's own properties is censored too.
 * `destination` is for tests that read back exactly what a service would write.
 */
export function createLogger(service: string, level: LoggerOptions['level'] = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: isoTimePerMillisecond,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    // Every line carries the correlation id of the work it belongs to, and the trace and span it
    // was written in (OpenTelemetry's trace_id/span_id), to find the journey in a trace viewer.
    mixin() {
      const context = currentContext();
      return { ...(context ? { correlationId: context.correlationId, causationId: context.causationId } : {}), ...activeSpanIds() };
    },
    hooks: { streamWrite: scrubPersonalData },
  };
  return destination ? pino(options, destination) : pino(options);
}

let stamped = { at: Number.NaN, text: '' };
/** pino's isoTime, formatted once per millisecond: under load, many lines share one. */
function isoTimePerMillisecond(): string {
  const now = Date.now();
  if (now !== stamped.at) stamped = { at: now, text: `,"time":"${new Date(now).toISOString()}"` };
  return stamped.text;
}

/**
 * A child for lines whose fields are fixed and hold no personal data by construction, such as the
 * access line of each request (method, route pattern, status, duration): the redacted paths are
 * not walked for each of them — the dearest part of writing such a line, as the paths start with
 * wildcards. The check of the finished line by shape (scrubPersonalData) still applies.
 */
export function fixedFieldsLogger(logger: Logger): Logger {
  return logger.child({}, { redact: { paths: [], censor: '[redacted]' } });
}
