// The header names are part of the event contract (the AsyncAPI document describes them).
export { FAILURE_HEADERS } from '@lantern/contracts';

export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function readHeader(headers: RawHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

export function stringHeaders(headers: RawHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = readHeader(headers, name);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
