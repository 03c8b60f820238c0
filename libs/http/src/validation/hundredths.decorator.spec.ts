import { isHundredths } from './hundredths.decorator';

describe('a number of hundredths', () => {
  it('accepts what has at most two decimals, refuses the rest however it prints', () => {
    expect([0, 1, -1.5, 0.01, 1.15, 200, -200].map(isHundredths)).toEqual([true, true, true, true, true, true, true]);
    expect([5e-324, -5e-324, 1e-7, 0.001, 1.005, Number.NaN, Infinity, '1', null].map(isHundredths)).toEqual([false, false, false, false, false, false, false, false, false]);
  });
});
