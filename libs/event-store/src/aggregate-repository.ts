import { ConcurrencyError } from './errors';
import { EventStore, NewEvent } from './event-store';
import { StoredEvent } from './stored-event.model';

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
 */
export class AggregateRepository<State> {
  constructor(
    private readonly store: EventStore,
    private readonly reducer: Reducer<State>,
    private readonly maxAttempts = 64,
  ) {}

  async load(streamId: string): Promise<Loaded<State>> {
    const events = await this.store.load(streamId);
    const state = events.reduce((current, event) => this.reducer.apply(current, event), this.reducer.initial());
    return { state, version: events.length, events };
  }

  async execute(streamId: string, decide: Decide<State>): Promise<Loaded<State> & { appended: StoredEvent[] }> {
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.load(streamId);
      const newEvents = await decide(loaded.state, loaded.version);
      try {
        const appended = await this.store.append(streamId, loaded.version, newEvents);
        const state = appended.reduce((current, event) => this.reducer.apply(current, event), loaded.state);
        return { state, version: loaded.version + appended.length, events: [...loaded.events, ...appended], appended };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.maxAttempts) throw error;
        // Jittered back-off: a crowd of writers on one stream spreads out instead of spinning.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 * attempt, 40)));
      }
    }
  }
}
