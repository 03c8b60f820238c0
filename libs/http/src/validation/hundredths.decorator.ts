import { ValidateBy, ValidationOptions } from 'class-validator';

/** Whether the value is a finite number of hundredths (two decimal places at most), however it prints. */
export const isHundredths = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value;

/**
 * A finite number with at most two decimal places (hours, amounts). class-validator's
 * `@IsNumber({ maxDecimalPlaces: 2 })` reads the decimals from the printed number and throws on
 * one that prints in exponent form (5e-324, 1e-7): a 500 the fuzzer found. This checks the value.
 */
export const IsHundredths = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isHundredths', validator: { validate: isHundredths, defaultMessage: (args) => `${args?.property ?? 'value'} must be a number with at most two decimal places` } }, options);
