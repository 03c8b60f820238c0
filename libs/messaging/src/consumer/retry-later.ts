/**
 * Thrown by a handler for an event that came before something it needs — typically another
 * topic's event about the same aggregate, which Kafka does not order against this one. That is
 * not a failure: the runner retries it as any error (in process, then through the retry topic),
 * but logs those attempts at debug level. Only the last attempt, the one a dead letter follows,
 * is logged as a warning: then the wait has really run out.
 */
export class RetryLater extends Error {
  /** Recognised by this flag rather than by class, in case two copies of the library are loaded. */
  readonly retryLater = true;

  constructor(message: string) {
    super(message);
    this.name = 'RetryLater';
  }
}

export const isRetryLater = (error: unknown): boolean => (error as { retryLater?: unknown } | null)?.retryLater === true;
