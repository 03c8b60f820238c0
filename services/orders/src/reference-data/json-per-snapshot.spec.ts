import { JsonPerSnapshot } from './json-per-snapshot';

describe('JsonPerSnapshot', () => {
  it('serialises once per snapshot, exactly as JSON.stringify would, and tags the bytes', () => {
    let built = 0;
    const body = new JsonPerSnapshot((snapshot: { items: string[] }) => {
      built += 1;
      return { items: snapshot.items };
    });
    const first = { items: ['a', 'b'] };
    const rendered = body.render(first);
    expect(rendered.bytes.toString('utf8')).toBe(JSON.stringify({ items: ['a', 'b'] }));
    expect(body.render(first)).toBe(rendered);
    expect(built).toBe(1);
    const other = body.render({ items: ['c'] });
    expect(other.bytes.toString('utf8')).toBe('{"items":["c"]}');
    expect(other.etag).not.toBe(rendered.etag);
    expect(built).toBe(2);
    // A new snapshot of the same data (a refresh that found nothing changed): the same tag.
    expect(body.render({ items: ['a', 'b'] }).etag).toBe(rendered.etag);
  });
});
