import { chooseFormat, prettyLine } from './log-format';

const line = (entry: object) => JSON.stringify(entry);

describe('npm start log format', () => {
  it('is pretty on a terminal and JSON anywhere else, unless LANTERN_LOG_FORMAT says', () => {
    expect(chooseFormat({ isTTY: true, env: {} })).toBe('pretty');
    expect(chooseFormat({ isTTY: false, env: {} })).toBe('json');
    expect(chooseFormat({ isTTY: undefined, env: {} })).toBe('json');
    expect(chooseFormat({ isTTY: true, env: { LANTERN_LOG_FORMAT: 'json' } })).toBe('json');
    expect(chooseFormat({ isTTY: false, env: { LANTERN_LOG_FORMAT: 'pretty' } })).toBe('pretty');
  });

  it('shows a service line as time, level, service and message, the other fields as key=value', () => {
    const text = prettyLine(line({ level: 'info', time: '2026-12-02T11:14:59.506Z', service: 'orders', correlationId: 'c-1', url: 'http://127.0.0.1:3001', msg: 'orders is listening' }), {
      service: 'orders',
      colour: false,
    });
    expect(text).toBe('11:14:59.506 INFO  orders        orders is listening correlationId=c-1 url=http://127.0.0.1:3001');
  });

  it('colours the level, and shows an error with its stack below the line', () => {
    const text = prettyLine(line({ level: 'error', time: '2026-12-02T11:14:59.506Z', service: 'matching', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x (a.ts:1:1)' }, msg: 'request failed' }), {
      service: 'matching',
      colour: true,
    });
    expect(text).toContain('\x1b[31mERROR\x1b[0m');
    expect(text.split('\n')).toEqual([expect.stringContaining('request failed'), expect.stringContaining('    Error: boom'), expect.stringContaining('        at x (a.ts:1:1)')]);
  });

  it('reads numeric pino levels, quotes values with spaces, and leaves text that is not a JSON object as it is', () => {
    expect(prettyLine(line({ level: 40, time: 1764674099506, msg: 'slow', reason: 'two words' }), { service: 'volunteers', colour: false })).toBe('11:14:59.506 WARN  volunteers    slow reason="two words"');
    expect(prettyLine('volunteers failed to start: LANTERN_JWT_SECRET is required', { service: 'volunteers', colour: false })).toBe('volunteers    volunteers failed to start: LANTERN_JWT_SECRET is required');
    expect(prettyLine('[1,2]', { service: 'orders', colour: false })).toBe('orders        [1,2]');
  });
});
