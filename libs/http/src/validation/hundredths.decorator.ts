import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/** How far from a hundredth a number may be and still be that hundredth: binary floating point's noise (0.57 arrives as 0.5700000000000001). */
const NOISE = 1e-9;

/** The hundredth a number is, once floating-point noise is taken off; the value itself when it is no hundredth. */
export function asHundredths(value: unknown): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const hundredths = Math.round(value * 100);
  return Math.abs(value * 100 - hundredths) < NOISE ? hundredths / 100 + 0 : value;
}

/** Whether the value is a finite number of hundredths (two decimal places at most), however it prints. */
export const isHundredths = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value;

/**
 * A finite number with at most two decimal places (hours, amounts), documented as
 * `multipleOf: 0.01`. class-validator's `@IsNumber({ maxDecimalPlaces: 2 })` reads the decimals
 * from the printed number and threw on one in exponent form (5e-324, 1e-7): a 500 the fuzzer
 * found. Here the value is first taken to its hundredth when it is one up to floating-point noise
 * (so 5e-324 is 0, and 0.5700000000000001 is 0.57), then checked.
 */
export const IsHundredths = (options?: ValidationOptions) =>
  applyDecorators(
    Transform(({ value }) => asHundredths(value)),
    ValidateBy({ name: 'isHundredths', validator: { validate: isHundredths, defaultMessage: (args) => `${args?.property ?? 'value'} must be a number with at most two decimal places` } }, options),
  );
