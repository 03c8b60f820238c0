/**
 * Errors of the MongoDB driver (and mongoose) that mean "the database cannot be reached right
 * now", not "this request is wrong": no server to select, a dropped or refused connection, a
 * cleared pool, a primary stepping down or shutting down. Matched by name and code rather than by
 * class, so that libs/http does not load the driver and a second copy of it still matches.
 */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
]);

/** Server codes of a node that is shutting down or no longer primary: a retry elsewhere or later succeeds. */
const UNAVAILABLE_CODES = new Set([
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** How long a client should wait before retrying, in seconds: about what a restart or an election takes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { name, code, message, cause, errorResponse } = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errorResponse?: unknown };
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof name === 'string' && name.startsWith('Mongo') && typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return true;
  // mongoose queues commands while disconnected and gives up on them after bufferTimeoutMS.
  if (name === 'MongooseError' && typeof message === 'string' && /buffering timed out/.test(message)) return true;
  // A bulk write (an outbox marker, a report's grouped writes) wraps what failed it in `errorResponse`.
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(errorResponse, depth + 1);
}
