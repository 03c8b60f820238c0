import { ConcurrencyError } from './errors';
import { EventStore, NewEvent } from './event-store';
import { StoredEvent } from './stored-event.model';
import { StreamSnapshot } from './stream-heads';

/** How a stream of events folds into current state. */
export interface Reducer<State> {
  initial(): State;
  apply(state: State, event: StoredEvent): State;
}

export interface Loaded<State> {
  state: State;
  version: number;
  events: StoredEvent[];
}

/** A decision: the events to append, or nothing when the command is already satisfied. */
export type Decide<State> = (state: State, version: number) => NewEvent[] | Promise<NewEvent[]>;

/**
 * Load → decide → append, retried when a concurrent writer wins the version. The decision is
 * taken again on fresh state, so a losing writer sees what the winner did (and typically
 * gets a 409 from its own rules).
 *
 * The first attempt trusts the stream head (one lookup). Only an append that succeeds commits
 * a decision, so whatever a lagging head could mislead — a lost insert, a refusal, "nothing to
 * do" — is decided again on a fresh load before anyone hears of it.
 */
export class AggregateRepository<State> {
  constructor(
    private readonly store: EventStore,
    private readonly reducer: Reducer<State>,
    private readonly maxAttempts = 64,
  ) {}

  /** Current state, caught up past the head: what readers get. */
  async load(streamId: string): Promise<Loaded<State>> {
    return this.fold(await this.store.read(streamId, { catchUp: true }));
  }

  async execute(streamId: string, decide: Decide<State>): Promise<Loaded<State> & { appended: StoredEvent[] }> {
    let fresh = false;
    for (let attempt = 1; ; attempt += 1) {
      const snapshot = await this.store.read(streamId, { catchUp: fresh });
      const loaded = this.fold(snapshot);
      let newEvents: NewEvent[];
      try {
        newEvents = await decide(loaded.state, loaded.version);
      } catch (refusal) {
        if (fresh) throw refusal;
        fresh = true;
        continue;
      }
      if (newEvents.length === 0 && !fresh) {
        fresh = true;
        continue;
      }
      try {
        const appended = await this.store.append(streamId, loaded.version, newEvents, { prior: snapshot });
        const state = appended.reduce((current, event) => this.reducer.apply(current, event), loaded.state);
        return { state, version: loaded.version + appended.length, events: [...loaded.events, ...appended], appended };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.maxAttempts) throw error;
        fresh = true;
        // Jittered back-off: a crowd of writers on one stream spreads out instead of spinning.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 * attempt, 40)));
      }
    }
  }

  /**
   * A command on a stream that is new but for rare exceptions (an order placed under a fresh id):
   * decided on the empty stream without reading it, since the insert at version 1 arbitrates.
   * Should the stream exist after all (a retry of the same command that got that far), or the
   * decision on the empty stream be a refusal or nothing, it runs as `execute`, on the stream as
   * stored. One read less than `execute` for a new stream (its head); for one that exists, a
   * marker and a failed insert more — so not for streams a redelivery opens again.
   */
  async open(streamId: string, decide: Decide<State>): Promise<Loaded<State> & { appended: StoredEvent[] }> {
    const empty: StreamSnapshot = { streamId, events: [], publishedVersion: 0 };
    const initial = this.reducer.initial();
    const newEvents = await Promise.resolve()
      .then(() => decide(initial, 0))
      .catch(() => [] as NewEvent[]);
    if (newEvents.length > 0) {
      try {
        const appended = await this.store.append(streamId, 0, newEvents, { prior: empty });
        const state = appended.reduce((current, event) => this.reducer.apply(current, event), initial);
        return { state, version: appended.length, events: appended, appended };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    return this.execute(streamId, decide);
  }

  private fold(snapshot: StreamSnapshot): Loaded<State> {
    const state = snapshot.events.reduce((current, event) => this.reducer.apply(current, event), this.reducer.initial());
    return { state, version: snapshot.events.length, events: snapshot.events };
  }
}
