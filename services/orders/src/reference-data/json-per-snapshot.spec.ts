import { JsonPerSnapshot } from './json-per-snapshot';

describe('JsonPerSnapshot', () => {
  it('serialises once per snapshot, exactly as JSON.stringify would', () => {
    let built = 0;
    const body = new JsonPerSnapshot((snapshot: { items: string[] }) => {
      built += 1;
      return { items: snapshot.items };
    });
    const first = { items: ['a', 'b'] };
    expect(body.render(first)).toBe(JSON.stringify({ items: ['a', 'b'] }));
    expect(body.render(first)).toBe('{"items":["a","b"]}');
    expect(built).toBe(1);
    expect(body.render({ items: ['c'] })).toBe('{"items":["c"]}');
    expect(built).toBe(2);
  });
});
