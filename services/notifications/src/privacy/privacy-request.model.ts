import { PrivacyRequestKind, PrivacyService } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

/**
 * A privacy request as notifications keeps it to answer `GET /v1/privacy/requests/{id}`. The
 * private half of an export's key is sealed under the subject's own key: their erasure shreds
 * every export part they ever received too, on the topics and here.
 */
export interface PrivacyRequestRecord {
  /** The request id (`prq_…`), also its stream id and the Kafka key of every answer. */
  _id: string;
  kind: PrivacyRequestKind;
  subjectId: string;
  requestedBy: string;
  requestedAt: Date;
  /** Export only: the key each part is sealed to (SPKI, base64url; not a secret). */
  publicKey: string | null;
  /** Export only: its private half (PKCS#8), sealed under the subject's key (PersonKeys). */
  privateKey: string | null;
  /** When the request, its answers and its private key are deleted (PRIVACY_REQUEST_RETENTION_MS after it was made). */
  expiresAt: Date;
}

/** One service's answer to one request: `_id` = `{requestId}:{service}`, inserted once. */
export interface PrivacyAnswerRecord {
  _id: string;
  requestId: string;
  service: PrivacyService;
  outcome: 'exported' | 'erased';
  /** Export only: the part as the service sealed it to the request's key. */
  part: string | null;
  answeredAt: Date;
}

export const privacyAnswerId = (requestId: string, service: PrivacyService) => `${requestId}:${service}`;

const requestSchema = new Schema<PrivacyRequestRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    subjectId: { type: String, required: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    publicKey: { type: String, default: null },
    privateKey: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'privacy_requests', versionKey: false },
);

const answerSchema = new Schema<PrivacyAnswerRecord>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true },
    service: { type: String, required: true },
    outcome: { type: String, required: true },
    part: { type: String, default: null },
    answeredAt: { type: Date, required: true },
  },
  { collection: 'privacy_answers', versionKey: false },
);

export const privacyRequestModel = (connection: Connection): Model<PrivacyRequestRecord> =>
  (connection.models.PrivacyRequest as Model<PrivacyRequestRecord>) ?? connection.model('PrivacyRequest', requestSchema);

export const privacyAnswerModel = (connection: Connection): Model<PrivacyAnswerRecord> =>
  (connection.models.PrivacyAnswer as Model<PrivacyAnswerRecord>) ?? connection.model('PrivacyAnswer', answerSchema);
