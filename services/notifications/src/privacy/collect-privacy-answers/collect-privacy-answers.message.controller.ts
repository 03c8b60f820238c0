import { CloudEventOf, EventContract, PRIVACY_ANSWERS, PRIVACY_CONTRACTS, PRIVACY_SERVICES, PrivacyErasedContract, PrivacyExportedContract, PrivacyRequestedV1 } from '@lantern/contracts';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PrivacyRequestsRepository } from '../privacy-requests.repository';

const ANSWERS = PRIVACY_CONTRACTS.filter((contract) => contract !== PrivacyRequestedV1) as [EventContract, ...EventContract[]];
const EXPORTED = new Set<string>(PRIVACY_SERVICES.map((service) => PRIVACY_ANSWERS[service].exported.type));

type Answer = CloudEventOf<PrivacyExportedContract> | CloudEventOf<PrivacyErasedContract>;

/**
 * Every service's answer to a privacy request, from its own topic, kept under
 * `{requestId}:{service}`. Idempotent without a processed-message record: the insert of that
 * `_id` is the record, and a redelivered answer collides with it.
 */
@Controller()
export class CollectPrivacyAnswersMessageController {
  constructor(private readonly requests: PrivacyRequestsRepository) {}

  @OnIdempotentEvent(...ANSWERS)
  async onAnswer(@Payload() event: Answer): Promise<void> {
    const { requestId, service } = event.data;
    const exported = EXPORTED.has(event.type);
    await this.requests.saveAnswer({
      _id: `${requestId}:${service}`,
      requestId,
      service,
      outcome: exported ? 'exported' : 'erased',
      part: exported ? (event.data as CloudEventOf<PrivacyExportedContract>['data']).part : null,
      answeredAt: new Date(exported ? (event.data as CloudEventOf<PrivacyExportedContract>['data']).exportedAt : (event.data as CloudEventOf<PrivacyErasedContract>['data']).erasedAt),
    });
  }
}
