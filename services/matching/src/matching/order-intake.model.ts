import { Connection, Model, Schema } from 'mongoose';
import { CandidateVerdict } from './domain/candidate-selection';

/** How the roster looked for one round of one order, and why each candidate was or was not chosen. */
export interface RoundEvaluation {
  evaluatedAt: Date;
  candidates: CandidateVerdict[];
}

/**
 * The facts of a placed order that matching needs later (escalating to the village committee,
 * continuity with the resident, the SLA, who may read the case). Taken from
 * lantern.order.placed.v1 — ids and coarse location only, like the event.
 *
 * Kept, with the evaluation of the first round (`firstEvaluation`), on the event that opens the
 * case (never published: `internal.intake`), whose insert decides which replica's evaluation of
 * round 1 stands (MatchingCaseRepository). The `order_intakes` collection holds the intakes of
 * cases opened by their withdrawal (a cancellation that overtook the placement; no evaluation)
 * and of cases opened before intakes went with the case. Later rounds are in `candidate_evaluations`.
 */
export interface OrderIntake {
  /** The order id. */
  _id: string;
  /** For a confidential service's order, the per-order pseudonym its events carry: continuity with the resident does not apply. */
  residentId: string;
  /** Null for a confidential service's order: its events name the category only. */
  serviceCode: string | null;
  category: string;
  urgency: 'normal' | 'urgent';
  stationId: string;
  villageId: string;
  placedAt: Date;
  /** The claim SLA the order brought from the menu (placed event); absent for orders placed before the event carried it, and on intakes stored before then: the default clock applies. */
  claimSlaMinutes?: number;
  /** Absent when the case had started before its placement arrived (a cancellation overtook it), and on intakes stored before it existed. */
  firstEvaluation?: RoundEvaluation;
}

/**
 * Whether continuity with the resident applies: not to a confidential service's order, whose
 * resident is a pseudonym of that order alone (no earlier worker to find, no later order to
 * serve), so matching neither looks it up nor records it.
 */
export const continuityApplies = (intake: Pick<OrderIntake, 'serviceCode'>): boolean => intake.serviceCode !== null;

const schema = new Schema<OrderIntake>(
  {
    _id: { type: String, required: true },
    residentId: { type: String, required: true },
    serviceCode: { type: String, default: null },
    category: { type: String, required: true },
    urgency: { type: String, required: true },
    stationId: { type: String, required: true },
    villageId: { type: String, required: true },
    placedAt: { type: Date, required: true },
    claimSlaMinutes: { type: Number },
    firstEvaluation: { type: Object },
  },
  { collection: 'order_intakes', versionKey: false },
);

export const orderIntakeModel = (connection: Connection): Model<OrderIntake> =>
  (connection.models.OrderIntake as Model<OrderIntake>) ?? connection.model('OrderIntake', schema);
