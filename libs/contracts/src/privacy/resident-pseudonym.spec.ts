import { openResident, residentPseudonym, sealResident } from './resident-pseudonym';

describe('resident pseudonym of a confidential order', () => {
  const key = 'a-key-of-at-least-thirty-two-characters!';

  it('opens with the key for the same order, and matches its published schema', () => {
    const pseudonym = sealResident('res-001', 'ord_a', key);
    expect(openResident(pseudonym, 'ord_a', key)).toBe('res-001');
    expect(residentPseudonym.safeParse(pseudonym).success).toBe(true);
    expect(pseudonym).not.toContain('res-001');
  });

  it('is the same for every event of one order and unrelated across two orders of one resident', () => {
    expect(sealResident('res-001', 'ord_a', key)).toBe(sealResident('res-001', 'ord_a', key));
    const [first, second] = [sealResident('res-001', 'ord_a', key), sealResident('res-001', 'ord_b', key)];
    expect(first).not.toBe(second);
    // Not even a common prefix or suffix a downstream system could join on.
    expect(first.slice(4, 14)).not.toBe(second.slice(4, 14));
    expect(first.slice(-10)).not.toBe(second.slice(-10));
  });

  it('does not open under another key, for another order, or when tampered with', () => {
    const pseudonym = sealResident('res-001', 'ord_a', key);
    expect(openResident(pseudonym, 'ord_a', 'another-key-of-thirty-two-characters!!')).toBeNull();
    expect(openResident(pseudonym, 'ord_b', key)).toBeNull();
    const tampered = pseudonym.slice(0, -2) + (pseudonym.endsWith('AA') ? 'BB' : 'AA');
    expect(openResident(tampered, 'ord_a', key)).toBeNull();
    expect(openResident('res-001', 'ord_a', key)).toBeNull();
  });
});
