import { AggregateRepository, BoundedMap, ConcurrencyError, Decide, EventStore, KeyedSerializer, Loaded, NewEvent, StoredEvent, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { matchingCaseReducer, MatchingCaseState } from './domain/matching-case.state';
import { OrderIntake, orderIntakeModel } from './order-intake.model';

/** Intakes a replica keeps (a few KB each, with their first round's evaluation). */
const KNOWN_INTAKES = 2_000;

/**
 * Matching cases as event streams (stream id = order id = Kafka key), plus the order facts they
 * were opened with. Every decision on a case — claim, decline, expiry, escalation, withdrawal —
 * is an append at the next version: the primary key picks one winner among concurrent writers.
 *
 * The facts (the intake, with round 1's evaluation) are kept on the case's first event, never
 * published (`internal`): the insert at version 1 that opens the case is the one that decides
 * whose evaluation of round 1 stands, so nothing else needs storing. A case opened by its
 * withdrawal (a cancellation that overtook the placement), or before this was so, has its
 * intake in `order_intakes`.
 */
@Injectable()
export class MatchingCaseRepository {
  private readonly streams: AggregateRepository<MatchingCaseState>;
  private readonly intakes: Model<OrderIntake>;
  /**
   * Intakes this replica stored or read. An intake is written once and never changed (insert
   * first, or `$setOnInsert`), so a copy stays true: the claim, the case page and the clocks of an
   * order placed through this replica read none.
   */
  private readonly knownIntakes = new BoundedMap<string, OrderIntake>(KNOWN_INTAKES);
  /**
   * Commands on a case this replica is running now, by order id (tracked side by side, not
   * queued: fifty claims at once cost the same 56 commands either way, and the append's primary
   * key picks the winner). Readers wait for them: a reader arriving in the middle of a command
   * (the case view asked the moment `offers-made` is on Kafka) would otherwise read around the
   * append. Waiting the few ms for the command saves those reads: the reader then checks only for
   * a version past what this replica remembers.
   */
  private readonly commands = new KeyedSerializer();

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
  ) {
    this.streams = new AggregateRepository(store, matchingCaseReducer);
    this.intakes = orderIntakeModel(connection);
  }

  /** The case as stored now, once this replica's commands on it are done (see `commands`). */
  async load(orderId: string): Promise<Loaded<MatchingCaseState>> {
    await this.commands.settled(orderId);
    return this.streams.load(orderId);
  }

  execute(orderId: string, decide: Decide<MatchingCaseState>) {
    return this.commands.track(orderId, this.streams.execute(orderId, decide));
  }

  /**
   * Opens a case that is new but for rare exceptions (its placement): decided on the empty stream
   * and appended at version 0 without reading anything first — one `stream_heads` lookup less. A
   * case that exists after all (a redelivery, a cancellation that overtook the placement) refuses
   * the insert, and the command runs as any other, on the stream as stored. `decide` gives the
   * intake to keep with the case (see above) alongside the events that open it.
   *
   * Returns, with the case, its intake as stored with it: the one opening it here, else the
   * winner's (null when the case is kept without one: the caller stores it in `order_intakes`).
   */
  open(orderId: string, decide: OpenCase): Promise<Loaded<MatchingCaseState> & { intake: OrderIntake | null }> {
    return this.commands.track(orderId, this.openOrExecute(orderId, decide));
  }

  private async openOrExecute(orderId: string, decide: OpenCase): Promise<Loaded<MatchingCaseState> & { intake: OrderIntake | null }> {
    const withIntake: Decide<MatchingCaseState> = async (state, version) => {
      const { intake, events } = await decide(state, version);
      return version === 0 && events.length > 0 ? keepIntake(events, intake) : events;
    };
    const events = await withIntake(matchingCaseReducer.initial(), 0);
    let loaded: Loaded<MatchingCaseState> | undefined;
    if (events.length > 0) {
      try {
        const appended = await this.store.append(orderId, 0, events);
        const state = appended.reduce((current, event) => matchingCaseReducer.apply(current, event), matchingCaseReducer.initial());
        loaded = { state, version: appended.length, events: appended };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    loaded ??= await this.streams.execute(orderId, withIntake);
    const intake = intakeOn(loaded.events[0]);
    if (intake) this.knownIntakes.set(orderId, intake);
    return { ...loaded, intake };
  }

  /** Whether the case stream holds `version` (one `_id` probe of its events). */
  hasVersion(orderId: string, version: number): Promise<boolean> {
    return this.store.has(orderId, version);
  }

  /** The intake of a case kept without one (see above). Idempotent: a redelivered placement writes the same facts. */
  async saveIntake(intake: OrderIntake): Promise<void> {
    const { _id, ...facts } = intake;
    await upsertById(this.intakes, _id, { $setOnInsert: facts }); // a racing writer's facts are the same
  }

  /**
   * The intake as stored, unless this replica knows it: the case read as a reader reads it (its
   * head and one `_id` probe past it; the command that follows then decides on that without a
   * read), and only for a case kept without one, `order_intakes` by `_id`.
   */
  async findIntake(orderId: string): Promise<OrderIntake | null> {
    await this.commands.settled(orderId);
    const known = this.knownIntakes.get(orderId);
    if (known) return known;
    const stored = intakeOn((await this.store.read(orderId, { catchUp: true })).events[0]) ?? (await this.intakes.findById(orderId).lean<OrderIntake>().exec());
    if (stored) this.knownIntakes.set(orderId, stored);
    return stored;
  }
}

/** What opens a case: its events, and the intake to keep with them (with round 1's evaluation). */
export type OpenCase = (state: MatchingCaseState, version: number) => Promise<{ intake: OrderIntake; events: NewEvent[] }>;

/** The events that open a case, the first carrying its intake (unpublished). */
function keepIntake(events: NewEvent[], intake: OrderIntake): NewEvent[] {
  const [first, ...rest] = events;
  return [{ ...first, internal: { ...first.internal, intake } }, ...rest];
}

/** The intake a case's first event keeps, if it does. */
function intakeOn(event: StoredEvent | undefined): OrderIntake | null {
  const intake = event?.version === 1 ? event.internal?.intake : undefined;
  return intake && typeof intake === 'object' ? (intake as OrderIntake) : null;
}
