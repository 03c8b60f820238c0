// How `npm start` shows the services' logs. The services always write one JSON object per line
// (pino, personal data already scrubbed by libs/logging); on a terminal npm start turns each into
// a coloured, human-readable line, anywhere else (a pipe, a file, CI) it passes the JSON through
// untouched, so `npm start | jq` and log shippers keep working.
//
// CommonJS with built-ins only: lantern.mjs loads it before `npm ci`; jest tests it.

/** pino's numeric levels, for lines written without the label formatter. */
const LEVEL_NAMES = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLOURS = { trace: 90, debug: 90, info: 32, warn: 33, error: 31, fatal: 35 };
/** Fields every line has, shown in the line's head rather than as key=value. */
const HEAD_FIELDS = new Set(['level', 'time', 'service', 'msg', 'err', 'pid', 'hostname']);

const paint = (colour, code, text) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** `pretty` on a terminal, `json` otherwise; LANTERN_LOG_FORMAT=pretty|json decides instead. */
function chooseFormat({ isTTY, env = process.env }) {
  const wanted = env.LANTERN_LOG_FORMAT;
  if (wanted === 'pretty' || wanted === 'json') return wanted;
  return isTTY ? 'pretty' : 'json';
}

function fieldValue(value) {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One service line for a person: `12:04:05.123 INFO  orders        order placed orderId=ord_1`,
 * an error's message and stack indented below it. A line that is not a JSON log object (a
 * service that failed before its logger existed writes plain text) is shown as it is.
 */
function prettyLine(line, { service, serviceColour = 36, colour = true }) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    entry = undefined;
  }
  const name = paint(colour, serviceColour, service.padEnd(13));
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return `${name} ${line}`;
  const level = typeof entry.level === 'number' ? (LEVEL_NAMES[entry.level] ?? String(entry.level)) : String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : new Date(entry.time ?? Date.now()).toISOString().slice(11, 23);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HEAD_FIELDS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${fieldValue(value)}`);
  const head = `${paint(colour, 90, time)} ${paint(colour, LEVEL_COLOURS[level] ?? 37, level.toUpperCase().padEnd(5))} ${name} ${entry.msg ?? ''}`;
  const tail = fields.length > 0 ? ` ${paint(colour, 90, fields.join(' '))}` : '';
  const error = entry.err && typeof entry.err === 'object' ? `\n${paint(colour, 90, indent(entry.err.stack ?? `${entry.err.type ?? 'Error'}: ${entry.err.message}`))}` : '';
  return head + tail + error;
}

const indent = (text) =>
  String(text)
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/**
 * Splits a stream's chunks into lines and hands each complete one to `onLine` (a JSON line may
 * arrive in pieces). Returns a function that flushes what is left when the stream ends.
 */
function eachLine(stream, onLine) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line !== '') onLine(line);
  });
  stream.on('end', () => {
    if (buffered !== '') onLine(buffered);
    buffered = '';
  });
}

module.exports = { chooseFormat, prettyLine, eachLine };
