import { notFound } from '@lantern/http';
import { hasAnyRole, Principal } from '@lantern/identity';
import { PersonKeys } from '@lantern/privacy';
import { Injectable } from '@nestjs/common';
import { PrivacyRequestRecord } from '../privacy-request.model';
import { PrivacyRequestsRepository } from '../privacy-requests.repository';
import { PrivacyRequestResponse } from '../privacy-request.response.dto';

/** The person, whoever asked for them, and admins see a request; for anyone else it does not exist. */
const maySee = (principal: Principal, request: PrivacyRequestRecord) =>
  request.subjectId === principal.sub || request.requestedBy === principal.sub || hasAnyRole(principal, ['admin']);

@Injectable()
export class GetPrivacyRequestHandler {
  constructor(
    private readonly requests: PrivacyRequestsRepository,
    private readonly personKeys: PersonKeys,
  ) {}

  /** The request's state and, for an export, each service's part opened with the request's private key. */
  async execute(principal: Principal, requestId: string): Promise<PrivacyRequestResponse> {
    const request = await this.requests.findRequest(requestId);
    if (!request || !maySee(principal, request)) throw notFound(`Privacy request ${requestId}`);
    const [answers, privateKey] = await Promise.all([this.requests.answersTo(request), this.personKeys.open(request.subjectId, request.privateKey)]);
    return PrivacyRequestResponse.from(request, answers, privateKey);
  }
}
