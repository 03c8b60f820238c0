import { quietHoursEnd } from './quiet-hours';

const shanghai = { start: '22:00', end: '07:00', timeZone: 'Asia/Shanghai' };

describe('quiet hours', () => {
  it('a message at 23:30 in Shanghai waits until 07:00 there the next morning', () => {
    expect(quietHoursEnd(shanghai, new Date('2026-11-29T15:30:20.500Z'))).toEqual(new Date('2026-11-29T23:00:00.000Z'));
  });

  it('a message at 06:59 waits one minute; one at 07:00 or at noon goes at once', () => {
    expect(quietHoursEnd(shanghai, new Date('2026-11-29T22:59:00Z'))).toEqual(new Date('2026-11-29T23:00:00Z'));
    expect(quietHoursEnd(shanghai, new Date('2026-11-29T23:00:00Z'))).toBeNull();
    expect(quietHoursEnd(shanghai, new Date('2026-11-30T04:00:00Z'))).toBeNull();
  });

  it('a window within one day (13:00 → 14:30) and no window at all', () => {
    const nap = { start: '13:00', end: '14:30', timeZone: 'Europe/London' };
    expect(quietHoursEnd(nap, new Date('2026-11-29T13:10:00Z'))).toEqual(new Date('2026-11-29T14:30:00Z'));
    expect(quietHoursEnd(nap, new Date('2026-11-29T14:30:00Z'))).toBeNull();
    expect(quietHoursEnd(null, new Date())).toBeNull();
  });
});
