/** Headers that travel with a message through the retry and dead-letter topics. */
export const FAILURE_HEADERS = {
  originalTopic: 'x-lantern-original-topic',
  originalPartition: 'x-lantern-original-partition',
  originalOffset: 'x-lantern-original-offset',
  retryCount: 'x-lantern-retry-count',
  notBefore: 'x-lantern-not-before',
  error: 'x-lantern-error',
  failedAt: 'x-lantern-failed-at',
  consumerGroup: 'x-lantern-consumer-group',
} as const;

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
