import { jsonNestsDeeperThan } from './json-depth';

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('jsonNestsDeeperThan', () => {
  it('counts objects and arrays alike, up to and over the limit', () => {
    expect(jsonNestsDeeperThan(nested(32), 32)).toBe(false);
    expect(jsonNestsDeeperThan(nested(33), 32)).toBe(true);
    expect(jsonNestsDeeperThan('['.repeat(33) + ']'.repeat(33), 32)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1,2]}],"c":{}}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":[1,2]}],"c":{}}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[[[{{{{{{' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: 'say \\"[[[[\\" and "{{{{"' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"a":"\\\\","b":[[1]]}`, 2)).toBe(true);
  });

  it('stops at the first level too deep: a huge body costs no more than its first bytes', () => {
    expect(jsonNestsDeeperThan('['.repeat(3000) + ']'.repeat(3000), 32)).toBe(true);
  });
});
