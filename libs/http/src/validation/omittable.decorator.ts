import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it is validated — null included. class-validator's
 * `@IsOptional()` skips null as well, so `"residentId": null` slipped past every check and into
 * code that tells "left out" from "given" with `=== undefined` (a 500). Use this wherever the
 * handler makes that distinction.
 */
export const Omittable = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);
