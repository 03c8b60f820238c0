import { openApiPattern } from './openapi-pattern';

describe('a validator RegExp as an OpenAPI pattern accepting the same strings', () => {
  it('spells out the i flag as both cases, in and out of character classes', () => {
    const pattern = openApiPattern(/^ab[a-z0-9_-]{0,3}$/i);
    expect(pattern).toBe('^[aA][bB][a-zA-Z0-9_-]{0,3}$');
    for (const sample of ['ab', 'AB', 'aBz9', 'Ab_Q']) expect(new RegExp(pattern).test(sample)).toBe(true);
    expect(new RegExp(pattern).test('ac')).toBe(false);
  });

  it('makes \\d ASCII digits, which Python and other clients would read as any Unicode digit', () => {
    expect(openApiPattern(/^\d{4}-\d{2}$/)).toBe('^[0-9]{4}-[0-9]{2}$');
    expect(openApiPattern(/^[\d.]+$/)).toBe('^[0-9.]+$');
  });

  it('leaves other escapes and case-sensitive patterns alone', () => {
    expect(openApiPattern(/^[\x21-\x7e]{1,200}$/)).toBe('^[\\x21-\\x7e]{1,200}$');
    expect(openApiPattern(/^hours:[A-Za-z0-9._:-]{1,200}$/)).toBe('^hours:[A-Za-z0-9._:-]{1,200}$');
  });
});
