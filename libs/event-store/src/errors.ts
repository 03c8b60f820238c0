/** Someone else appended at the version this writer expected to take. Reload and decide again. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`Stream ${streamId} moved past version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  const candidate = error as { code?: number; writeErrors?: { code?: number }[] } | undefined;
  return candidate?.code === 11000 || candidate?.writeErrors?.[0]?.code === 11000;
}
