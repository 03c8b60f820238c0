/**
 * Personal data recognised by its shape wherever it appears in text: the second line of defence
 * behind field-name redaction, for what no field name announces — an error message that quotes
 * the value it choked on, a driver error carrying the document it could not write, a stack trace.
 */
const PERSONAL_DATA_PATTERNS: { kind: string; pattern: RegExp }[] = [
  // Mainland mobile numbers (11 digits, 13x–19x), with or without +86 / 0086, never inside a longer number.
  { kind: 'phone', pattern: /(?<!\d)(?:(?:\+|00)86[ -]?)?1[3-9]\d{9}(?!\d)/g },
  // Resident identity card numbers: 17 digits and a check digit or X.
  { kind: 'id-number', pattern: /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g },
];

/** Every pattern above holds a run of at least 11 digits (a mobile number's, an ID number's 17). */
const MAY_HOLD_ONE = /\d{11}/;

/** The text with every phone number and ID number replaced by `[redacted:<kind>]`. */
export function scrubPersonalData(text: string): string {
  // Most lines (every access line) have no such run: one quick look instead of a search per pattern.
  if (!MAY_HOLD_ONE.test(text)) return text;
  let scrubbed = text;
  for (const { kind, pattern } of PERSONAL_DATA_PATTERNS) scrubbed = scrubbed.replace(pattern, `[redacted:${kind}]`);
  return scrubbed;
}
