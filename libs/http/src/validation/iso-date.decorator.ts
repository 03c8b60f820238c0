import { ValidateBy, ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day of the calendar written `YYYY-MM-DD`, any year from 0000 to 9999 (OpenAPI `format: date`). */
export function isCalendarDate(value: unknown): boolean {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * A calendar date or an RFC 3339 date-time (OpenAPI `format: date` or `format: date-time`), any
 * year from 0000 to 9999 and any offset up to ±23:59. class-validator's `@IsISO8601({ strict: true })`
 * refused schema-valid values the fuzzer sent: years before 0100 (its calendar check reads them as
 * 19xx) — a 400 the document did not announce. A leap second (`:60`) is refused: JavaScript dates
 * have none.
 */
export function isIsoDateOrDateTime(value: unknown): boolean {
  if (isCalendarDate(value)) return true;
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match || !isCalendarDate(match[1])) return false;
  const [hour, minute, second] = match.slice(2, 5).map(Number);
  const [offsetHour, offsetMinute] = [match[7], match[8]].map((part) => (part === undefined ? 0 : Number(part)));
  return hour <= 23 && minute <= 59 && second <= 59 && offsetHour <= 23 && offsetMinute <= 59 && !Number.isNaN(Date.parse(value as string));
}

/** `YYYY-MM-DD`, a real day; documented as `format: date`. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property ?? 'value'} must be a date YYYY-MM-DD` } }, options);

/**
 * A date or an RFC 3339 date-time; documented like class-validator's `@IsISO8601` (same constraint
 * name): `anyOf: [{format: date}, {format: date-time}]`.
 */
export const IsIsoDateOrDateTime = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIso8601', validator: { validate: isIsoDateOrDateTime, defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO 8601 date or date-time` } },
    options,
  );
