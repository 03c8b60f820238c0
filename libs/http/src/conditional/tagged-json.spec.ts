import { ifNoneMatchHolds, taggedJson } from './tagged-json';

describe('tagged JSON bodies', () => {
  it('the tag is made from the bytes: the same body has the same tag, another body another', () => {
    const body = taggedJson('{"items":["a"]}');
    expect(body.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(taggedJson('{"items":["a"]}').etag).toBe(body.etag);
    expect(taggedJson('{"items":["b"]}').etag).not.toBe(body.etag);
  });

  it('keeps the body encoded as UTF-8 once, byte for byte what the string would send', () => {
    const json = '{"name":"李洲坳社区服务站"}';
    const body = taggedJson(json);
    expect(body.bytes.equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(body.bytes.toString('utf8')).toBe(json);
  });

  it('If-None-Match holds for the tag, weak or strong, within a list, or *; not for another tag or none', () => {
    const { etag } = taggedJson('{}');
    expect(ifNoneMatchHolds(etag, etag)).toBe(true);
    expect(ifNoneMatchHolds(`W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHolds(`"other", ${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHolds(['"other"', etag], etag)).toBe(true);
    expect(ifNoneMatchHolds('*', etag)).toBe(true);
    expect(ifNoneMatchHolds('"other"', etag)).toBe(false);
    expect(ifNoneMatchHolds(etag.slice(1, -1), etag)).toBe(false);
    expect(ifNoneMatchHolds('', etag)).toBe(false);
    expect(ifNoneMatchHolds(undefined, etag)).toBe(false);
  });
});
