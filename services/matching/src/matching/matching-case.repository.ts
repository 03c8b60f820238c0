import { AggregateRepository, Decide, EventStore, isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { matchingCaseReducer, MatchingCaseState } from './domain/matching-case.state';
import { OrderIntake, orderIntakeModel } from './order-intake.model';

/**
 * Matching cases as event streams (stream id = order id = Kafka key), plus the order facts they
 * were opened with. Every decision on a case — claim, decline, expiry, escalation, withdrawal —
 * is an append at the next version: the primary key picks one winner among concurrent writers.
 */
@Injectable()
export class MatchingCaseRepository {
  private readonly streams: AggregateRepository<MatchingCaseState>;
  private readonly intakes: Model<OrderIntake>;

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
  ) {
    this.streams = new AggregateRepository(store, matchingCaseReducer);
    this.intakes = orderIntakeModel(connection);
  }

  load(orderId: string) {
    return this.streams.load(orderId);
  }

  execute(orderId: string, decide: Decide<MatchingCaseState>) {
    return this.streams.execute(orderId, decide);
  }

  /** Whether the case stream holds `version` (one `_id` probe of its events). */
  hasVersion(orderId: string, version: number): Promise<boolean> {
    return this.store.has(orderId, version);
  }

  /** The intake as stored: this one if it is the first, else the one stored before (insert first, one command). */
  async storeIntakeOnce(intake: OrderIntake): Promise<OrderIntake> {
    try {
      await this.intakes.collection.insertOne(intake as never);
      return intake;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return ((await this.findIntake(intake._id)) ?? intake) as OrderIntake;
    }
  }

  /** Idempotent: a redelivered placement writes the same facts. */
  async saveIntake(intake: OrderIntake): Promise<void> {
    const { _id, ...facts } = intake;
    await this.intakes.updateOne({ _id }, { $setOnInsert: facts }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error; // a racing writer stored it first
    });
  }

  findIntake(orderId: string): Promise<OrderIntake | null> {
    return this.intakes.findById(orderId).lean<OrderIntake>().exec();
  }
}
