import { AggregateRepository, BoundedMap, ConcurrencyError, Decide, EventStore, insertOnce, isDuplicateKeyError, Loaded } from '@lantern/event-store';
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
   * Commands on a case this replica is running now, by order id. The event store remembers a
   * stream only once an append's publish and head write are done; a reader arriving in between
   * (the case view asked the moment `offers-made` is on Kafka) would read the head — not yet
   * written, so the stream is probed from version 1. Waiting the few ms for the command saves
   * those reads: the reader then checks only for a version past what this replica remembers.
   */
  private readonly running = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
  ) {
    this.streams = new AggregateRepository(store, matchingCaseReducer);
    this.intakes = orderIntakeModel(connection);
  }

  /** The case as stored now, once this replica's commands on it are done (see `running`). */
  async load(orderId: string): Promise<Loaded<MatchingCaseState>> {
    const running = this.running.get(orderId);
    if (running) await Promise.all(running);
    return this.streams.load(orderId);
  }

  execute(orderId: string, decide: Decide<MatchingCaseState>) {
    return this.track(orderId, this.streams.execute(orderId, decide));
  }

  /**
   * Opens a case that is new but for rare exceptions (its placement): decided on the empty stream
   * and appended at version 0 without reading anything first — one `stream_heads` lookup less. A
   * case that exists after all (a redelivery, a cancellation that overtook the placement) refuses
   * the insert, and the command runs as any other, on the stream as stored.
   */
  open(orderId: string, decide: Decide<MatchingCaseState>): Promise<Loaded<MatchingCaseState>> {
    return this.track(orderId, this.openOrExecute(orderId, decide));
  }

  private async openOrExecute(orderId: string, decide: Decide<MatchingCaseState>): Promise<Loaded<MatchingCaseState>> {
    const events = await decide(matchingCaseReducer.initial(), 0);
    if (events.length > 0) {
      try {
        const appended = await this.store.append(orderId, 0, events);
        const state = appended.reduce((current, event) => matchingCaseReducer.apply(current, event), matchingCaseReducer.initial());
        return { state, version: appended.length, events: appended };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    return this.streams.execute(orderId, decide);
  }

  /** Lists `command` among the running ones of its case until it settles, however it ends. */
  private track<T>(orderId: string, command: Promise<T>): Promise<T> {
    const settled = command.then(
      () => undefined,
      () => undefined,
    );
    const running = this.running.get(orderId) ?? new Set<Promise<void>>();
    running.add(settled);
    this.running.set(orderId, running);
    void settled.then(() => {
      running.delete(settled);
      if (running.size === 0 && this.running.get(orderId) === running) this.running.delete(orderId);
    });
    return command;
  }

  /** Whether the case stream holds `version` (one `_id` probe of its events). */
  hasVersion(orderId: string, version: number): Promise<boolean> {
    return this.store.has(orderId, version);
  }

  /** The intake as stored: this one if it is the first, else the one stored before (insert first, one command). */
  async storeIntakeOnce(intake: OrderIntake): Promise<OrderIntake> {
    if (await insertOnce(this.intakes.collection, intake)) {
      this.knownIntakes.set(intake._id, intake);
      return intake;
    }
    return ((await this.findIntake(intake._id)) ?? intake) as OrderIntake;
  }

  /** Idempotent: a redelivered placement writes the same facts. */
  async saveIntake(intake: OrderIntake): Promise<void> {
    const { _id, ...facts } = intake;
    await this.intakes.updateOne({ _id }, { $setOnInsert: facts }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error; // a racing writer stored it first
    });
  }

  /** The intake as stored (one `_id` lookup, unless this replica knows it). */
  async findIntake(orderId: string): Promise<OrderIntake | null> {
    const known = this.knownIntakes.get(orderId);
    if (known) return known;
    const stored = await this.intakes.findById(orderId).lean<OrderIntake>().exec();
    if (stored) this.knownIntakes.set(orderId, stored);
    return stored;
  }
}
