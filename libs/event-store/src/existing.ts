/**
 * A stream's state after a command that created its aggregate or refused to run without one
 * (its decide threw not-found): the aggregate exists by then, and this tells the type checker
 * so — the states are unions discriminated by `exists`. Throws if it does not: a bug in the
 * command, never a caller's mistake.
 */
export function existing<S extends { exists: boolean }>(state: S, streamId: string): Extract<S, { exists: true }> {
  if (!state.exists) throw new Error(`Stream ${streamId} holds no aggregate after a command that needs one`);
  // TypeScript does not narrow a type parameter by its discriminant: the check above is the proof.
  return state as Extract<S, { exists: true }>;
}
