import { daysBetween, isCalendarDay, periodAround, shanghaiDay } from './shanghai-calendar';

describe('the Asia/Shanghai report calendar', () => {
  it('a day turns at midnight in Shanghai, 16:00 UTC the day before', () => {
    expect(shanghaiDay('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
    expect(shanghaiDay('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
    expect(shanghaiDay('2026-12-01T00:30:00+08:00')).toBe('2026-12-01');
  });

  it('weeks run Monday to Sunday, months by the calendar, including leap February', () => {
    expect(periodAround('week', '2026-12-02')).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodAround('week', '2026-11-30').days).toHaveLength(7);
    expect(periodAround('week', '2026-12-06')).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodAround('month', '2028-02-10')).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodAround('month', '2026-12-31').days).toHaveLength(31);
    expect(periodAround('day', '2026-12-31').days).toEqual(['2026-12-31']);
  });

  it('ranges include both ends; impossible dates are not calendar days', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-12-02', '2026-12-01')).toEqual([]);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
  });
});
