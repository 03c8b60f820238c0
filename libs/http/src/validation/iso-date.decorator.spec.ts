import { isCalendarDate, isIsoDateOrDateTime } from './iso-date.decorator';

describe('ISO dates as the OpenAPI documents say them', () => {
  it('a calendar date is a real day of any year 0000–9999', () => {
    for (const day of ['2026-02-28', '2024-02-29', '0000-01-01', '0024-10-02', '9999-12-31']) expect([day, isCalendarDate(day)]).toEqual([day, true]);
    for (const day of ['0000-00-00', '2026-02-29', '2026-13-01', '2026-04-31', '2026-1-01', '2026-01-01T00:00:00Z', 20260101]) expect([day, isCalendarDate(day)]).toEqual([day, false]);
  });

  it('a date-time is RFC 3339, of any year and offset (the values the fuzzer saw refused are accepted)', () => {
    for (const time of ['0052-01-01T19:15:39.036Z', '0015-11-01T08:02:17.499441-20:49', '1975-08-03T23:24:41.1Z', '2026-05-01t08:00:00+08:00', '2026-05-01']) {
      expect([time, isIsoDateOrDateTime(time)]).toEqual([time, true]);
    }
    for (const time of ['2026-05-01T24:00:00Z', '2026-05-01T08:00:00', '2026-02-30T08:00:00Z', '2026-05-01T08:00:60Z', '2026-05-01T08:00:00+24:00', '2026-05-01 08:00:00Z', 'yesterday']) {
      expect([time, isIsoDateOrDateTime(time)]).toEqual([time, false]);
    }
  });
});
