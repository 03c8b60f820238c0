import { Connection, Model, Schema } from 'mongoose';
import { CandidateVerdict } from './domain/candidate-selection';

/**
 * How the roster looked for one later round (2, 3, …) of one order, and why each candidate was
 * or was not chosen; round 1 is stored with the order's intake. `_id` = `{orderId}:{round}`,
 * written once: two replicas deciding the same round read the same evaluation back, so they
 * would append the same offers.
 */
export interface CandidateEvaluation {
  _id: string;
  orderId: string;
  round: number;
  evaluatedAt: Date;
  candidates: CandidateVerdict[];
}

const schema = new Schema<CandidateEvaluation>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    round: { type: Number, required: true },
    evaluatedAt: { type: Date, required: true },
    candidates: { type: [Object], required: true },
  },
  { collection: 'candidate_evaluations', versionKey: false },
);

export const candidateEvaluationModel = (connection: Connection): Model<CandidateEvaluation> =>
  (connection.models.CandidateEvaluation as Model<CandidateEvaluation>) ?? connection.model('CandidateEvaluation', schema);

export const candidateEvaluationId = (orderId: string, round: number) => `${orderId}:${round}`;
