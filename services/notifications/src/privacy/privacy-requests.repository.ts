import { PRIVACY_ANSWERERS, PRIVACY_SERVICES, PrivacyService } from '@lantern/contracts';
import { insertOnce } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { privacyAnswerId, PrivacyAnswerRecord, privacyAnswerModel, PrivacyRequestRecord, privacyRequestModel } from './privacy-request.model';

/** Requests and the answers received for them, every read and write by `_id`. */
@Injectable()
export class PrivacyRequestsRepository {
  private readonly requests: Model<PrivacyRequestRecord>;
  private readonly answers: Model<PrivacyAnswerRecord>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.requests = privacyRequestModel(connection);
    this.answers = privacyAnswerModel(connection);
  }

  /** Written before the request's event: an answer never arrives for a request we do not know. A retry rewrites nothing. */
  async saveRequest(request: PrivacyRequestRecord): Promise<void> {
    await insertOnce(this.requests.collection, request);
  }

  findRequest(requestId: string): Promise<PrivacyRequestRecord | null> {
    return this.requests.findById(requestId).lean<PrivacyRequestRecord>();
  }

  /**
   * Insert-first: a redelivered answer collides and changes nothing. An answer to a request that
   * expired meanwhile (its answer came late, or came again) is not kept: the request is looked up
   * after the insert, and `forget` deletes the request before its answers, so whichever of the two
   * runs last removes the answer.
   */
  async saveAnswer(answer: PrivacyAnswerRecord): Promise<void> {
    await insertOnce(this.answers.collection, answer);
    if (!(await this.requests.exists({ _id: answer.requestId }))) await this.answers.deleteOne({ _id: answer._id });
  }

  /**
   * Deletes a request (with its export's private key) and every service's answer: one delete by
   * `_id` each. The request goes first, so an answer saved meanwhile finds it gone (`saveAnswer`).
   */
  async forget(requestId: string): Promise<void> {
    await this.requests.deleteOne({ _id: requestId });
    for (const service of PRIVACY_SERVICES) await this.answers.deleteOne({ _id: privacyAnswerId(requestId, service) });
  }

  /** The answers of the services that take part in this kind of request: one `_id` lookup each. */
  async answersTo(request: PrivacyRequestRecord): Promise<Map<PrivacyService, PrivacyAnswerRecord>> {
    const services = PRIVACY_ANSWERERS[request.kind];
    const found = await Promise.all(services.map((service) => this.answers.findById(privacyAnswerId(request._id, service)).lean<PrivacyAnswerRecord>()));
    return new Map(found.filter((answer): answer is PrivacyAnswerRecord => answer !== null).map((answer) => [answer.service, answer]));
  }
}
