import { PRIVACY_ANSWERERS, PRIVACY_REQUEST_KINDS, PRIVACY_SERVICES, PrivacyService } from '@lantern/contracts';
import { openFromRequest } from '@lantern/privacy';
import { ApiProperty } from '@nestjs/swagger';
import { PrivacyAnswerRecord, PrivacyRequestRecord } from './privacy-request.model';

export class PrivacyRequestPartResponse {
  @ApiProperty({ enum: PRIVACY_SERVICES }) service: PrivacyService;
  @ApiProperty({ enum: ['pending', 'exported', 'erased'], description: 'pending: the service has not answered yet' }) status: 'pending' | 'exported' | 'erased';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) answeredAt: string | null;
  @ApiProperty({
    nullable: true,
    type: Object,
    description:
      'Export only: what the service holds about the person, as the service sent it (each service its own shape). Null while pending, for erasures, and once the person\'s data here has been erased since (their key is gone)',
  })
  data: Record<string, unknown> | null;
}

export class PrivacyRequestResponse {
  @ApiProperty({ example: 'prq_3f0c9a1b2c4d5e6f7a8b9c0d' }) id: string;
  @ApiProperty({ enum: PRIVACY_REQUEST_KINDS }) kind: string;
  @ApiProperty({ description: 'Whose data' }) personId: string;
  @ApiProperty({ description: 'Who asked: the person, or an admin on their behalf' }) requestedBy: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the request, its answers and the export are deleted (30 days after it was made by default); it is 404 from then on. Null only for a request kept before requests expired',
  })
  expiresAt: string | null;
  @ApiProperty({ enum: ['pending', 'complete'], description: 'complete: every service that takes part in this kind of request has answered' }) status: 'pending' | 'complete';
  @ApiProperty({ type: [PrivacyRequestPartResponse], description: 'One entry per service taking part: all five for export and erasure, volunteers and notifications for consent withdrawal' })
  parts: PrivacyRequestPartResponse[];

  static from(request: PrivacyRequestRecord, answers: Map<PrivacyService, PrivacyAnswerRecord>, privateKey: string | null): PrivacyRequestResponse {
    const parts = PRIVACY_ANSWERERS[request.kind].map((service): PrivacyRequestPartResponse => {
      const answer = answers.get(service);
      if (!answer) return { service, status: 'pending', answeredAt: null, data: null };
      const data = answer.part && privateKey ? (openFromRequest(privateKey, answer.part) as Record<string, unknown> | null) : null;
      return { service, status: answer.outcome, answeredAt: answer.answeredAt.toISOString(), data };
    });
    return {
      id: request._id,
      kind: request.kind,
      personId: request.subjectId,
      requestedBy: request.requestedBy,
      requestedAt: request.requestedAt.toISOString(),
      expiresAt: request.expiresAt?.toISOString() ?? null,
      status: parts.every((part) => part.status !== 'pending') ? 'complete' : 'pending',
      parts,
    };
  }
}
