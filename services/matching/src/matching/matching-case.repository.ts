import { AggregateRepository, Decide, EventStore } from '@lantern/event-store';
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

  constructor(store: EventStore, @Inject(MONGO_CONNECTION) connection: Connection) {
    this.streams = new AggregateRepository(store, matchingCaseReducer);
    this.intakes = orderIntakeModel(connection);
  }

  load(orderId: string) {
    return this.streams.load(orderId);
  }

  execute(orderId: string, decide: Decide<MatchingCaseState>) {
    return this.streams.execute(orderId, decide);
  }

  /** Idempotent: a redelivered placement writes the same facts. */
  async saveIntake(intake: OrderIntake): Promise<void> {
    const { _id, ...facts } = intake;
    await this.intakes.updateOne({ _id }, { $setOnInsert: facts }, { upsert: true });
  }

  findIntake(orderId: string): Promise<OrderIntake | null> {
    return this.intakes.findById(orderId).lean<OrderIntake>();
  }
}
