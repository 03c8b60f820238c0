import { isDuplicateKeyError } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { CandidateEvaluation, candidateEvaluationModel } from './candidate-evaluation.model';
import { CandidateVerdict } from './domain/candidate-selection';

@Injectable()
export class CandidateEvaluationsRepository {
  private readonly model: Model<CandidateEvaluation>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = candidateEvaluationModel(connection);
  }

  /**
   * The evaluation of one round: computed and stored by whoever gets there first, then the
   * stored one is used by everybody (the primary key arbitrates).
   */
  async evaluateOnce(orderId: string, round: number, compute: () => Promise<CandidateVerdict[]>): Promise<CandidateEvaluation> {
    const _id = `${orderId}:${round}`;
    const existing = await this.model.findById(_id).lean<CandidateEvaluation>();
    if (existing) return existing;
    const evaluation = { _id, orderId, round, evaluatedAt: new Date(), candidates: await compute() };
    try {
      await this.model.collection.insertOne(evaluation as never);
      return evaluation;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.model.findById(_id).lean<CandidateEvaluation>()) as CandidateEvaluation;
    }
  }

  /** Rounds 1..`rounds` of an order, by `_id`. */
  async forOrder(orderId: string, rounds: number): Promise<CandidateEvaluation[]> {
    const found = await Promise.all(Array.from({ length: rounds }, (_, index) => this.model.findById(`${orderId}:${index + 1}`).lean<CandidateEvaluation>()));
    return found.filter((evaluation): evaluation is CandidateEvaluation => evaluation !== null);
  }
}
