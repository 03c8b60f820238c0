import { insertOnce } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { CandidateEvaluation, candidateEvaluationId, candidateEvaluationModel } from './candidate-evaluation.model';
import { CandidateVerdict } from './domain/candidate-selection';
import { OrderIntake, RoundEvaluation } from './order-intake.model';

export interface EvaluatedRound extends RoundEvaluation {
  round: number;
}

/**
 * The candidate evaluation of each round after the first, stored once in `candidate_evaluations`:
 * whoever stores it first decides it (the primary key arbitrates), and everybody after uses the
 * stored one. Insert first, read only when the insert is refused: one command for the replica
 * that decides. Round 1's goes with the intake on the event that opens the case
 * (MatchingCaseRepository); earlier versions stored some here too, and `forOrder` still finds them.
 */
@Injectable()
export class CandidateEvaluationsRepository {
  private readonly model: Model<CandidateEvaluation>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = candidateEvaluationModel(connection);
  }

  async evaluateOnce(intake: OrderIntake, round: number, compute: () => Promise<CandidateVerdict[]>): Promise<EvaluatedRound> {
    const evaluation: RoundEvaluation = { evaluatedAt: new Date(), candidates: await compute() };
    return this.storeOnce({ _id: candidateEvaluationId(intake._id, round), orderId: intake._id, round, ...evaluation });
  }

  /** The stored evaluations of rounds 1..`rounds` of an order (a round never evaluated is left out). */
  async forOrder(intake: OrderIntake, rounds: number): Promise<EvaluatedRound[]> {
    const found = await Promise.all(
      Array.from({ length: rounds }, async (_, index): Promise<EvaluatedRound | null> => {
        const round = index + 1;
        if (round === 1 && intake.firstEvaluation) return { round, ...intake.firstEvaluation };
        const stored = await this.model.findById(candidateEvaluationId(intake._id, round)).lean<CandidateEvaluation>();
        return stored && { round, evaluatedAt: stored.evaluatedAt, candidates: stored.candidates };
      }),
    );
    return found.filter((evaluation): evaluation is EvaluatedRound => evaluation !== null);
  }

  private async storeOnce(evaluation: CandidateEvaluation): Promise<EvaluatedRound> {
    if (await insertOnce(this.model.collection, evaluation)) return evaluation;
    const stored = (await this.model.findById(evaluation._id).lean<CandidateEvaluation>()) as CandidateEvaluation;
    return { round: stored.round, evaluatedAt: stored.evaluatedAt, candidates: stored.candidates };
  }
}
