import { MasterKey } from './master-key';
import { isSealed, openWith, sealWith } from './sealed-value';

describe('a personal field sealed under its person\'s key', () => {
  const master = new MasterKey('a-master-key-of-at-least-thirty-two-chars');

  it('opens with the key that sealed it, for that person only', () => {
    const key = master.newDataKey();
    const sealed = sealWith(key, 'res-1', '13800000000, 3 Meisha Road');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('13800000000');
    expect(openWith(key, 'res-1', sealed)).toBe('13800000000, 3 Meisha Road');
    expect(openWith(key, 'res-2', sealed)).toBeNull();
  });

  it('does not open under the person\'s next key (after erasure) or when tampered with', () => {
    const [first, next] = [master.newDataKey(), master.newDataKey()];
    const sealed = sealWith(first, 'res-1', 'details');
    expect(openWith(next, 'res-1', sealed)).toBeNull();
    // Same key id, other secret: the tag refuses it.
    expect(openWith({ keyId: first.keyId, secret: next.secret }, 'res-1', sealed)).toBeNull();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(openWith(first, 'res-1', tampered)).toBeNull();
  });

  it('seals the same text twice into unrelated values', () => {
    const key = master.newDataKey();
    expect(sealWith(key, 'res-1', 'same')).not.toBe(sealWith(key, 'res-1', 'same'));
  });

  it('wraps a data key that only this master key, for this person, unwraps', () => {
    const key = master.newDataKey();
    const wrapped = master.wrap('res-1', key);
    const keyId = key.keyId.toString('hex');
    expect(master.unwrap('res-1', keyId, wrapped).secret.equals(key.secret)).toBe(true);
    expect(() => master.unwrap('res-2', keyId, wrapped)).toThrow();
    expect(() => new MasterKey('another-master-key-of-thirty-two-chars!!').unwrap('res-1', keyId, wrapped)).toThrow();
  });
});
