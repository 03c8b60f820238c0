import { lookalike } from './seed-orders';

describe('lookalike (the ids of a seeded copy)', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/;

  it('gives every token of a copy its own UUID: tokens 0x002 and 0x012 once became the same one', () => {
    const template = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    const copies = Array.from({ length: 0x400 }, (_, token) => lookalike(template, `a47daf${'00c82'}${token.toString(16).padStart(3, '0')}`, 'res-x'));
    expect(new Set(copies).size).toBe(copies.length);
    for (const copy of copies) expect(copy).toMatch(uuid);
  });

  it('keeps the shape of prefixed ids and replaces the resident', () => {
    expect(lookalike('ord_ea7c29210386079827b8cd32', 'a47daf00c82001', 'res-x')).toBe('ord_a47daf00c820010000000000');
    expect(lookalike('res-x', 'a47daf00c82001', 'res-x')).toBe('res-seed-a47daf00c82001');
  });
});
