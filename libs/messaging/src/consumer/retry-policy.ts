export interface RetryPolicy {
  /** Tries in process before the message leaves for the retry topic. */
  maxAttempts: number;
  /** Trips through the retry topic before the message is dead-lettered. */
  retryTopicAttempts: number;
  /** Delay before the first retry-topic trip; doubles with each trip. */
  retryDelayMs: number;
}

export const inProcessBackoffMs = (attempt: number) => Math.min(50 * 2 ** (attempt - 1), 1000);

export const retryTopicDelayMs = (policy: RetryPolicy, retryCount: number) =>
  Math.min(policy.retryDelayMs * 2 ** (retryCount - 1), 60_000);
