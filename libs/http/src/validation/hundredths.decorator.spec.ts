import { asHundredths, isHundredths } from './hundredths.decorator';

describe('a number of hundredths', () => {
  it('accepts what has at most two decimals, refuses the rest however it prints', () => {
    expect([0, 1, -1.5, 0.01, 1.15, 200, -200].map(isHundredths)).toEqual([true, true, true, true, true, true, true]);
    expect([5e-324, 1e-7, 0.001, 1.005, 4.496070455907617, Number.NaN, Infinity, '1', null].map(isHundredths)).toEqual([false, false, false, false, false, false, false, false, false]);
  });

  it('takes floating-point noise off before the check: 57 × 0.01 is 0.57, 5e-324 is 0; a third decimal stays and is refused', () => {
    expect([57 * 0.01, 0.1 + 0.2, 5e-324, -5e-324, 4.496070455907617, 0.001, '0.5'].map(asHundredths)).toEqual([0.57, 0.3, 0, 0, 4.496070455907617, 0.001, '0.5']);
    expect(Object.is(asHundredths(-5e-324), -0)).toBe(false);
  });
});
