import { FOLLOW_UP_OUTCOMES, FULFILLER_TYPES_V2 } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from './domain/order-status';
import { OrderState } from './domain/order.state';
import { TextsRetention } from './domain/order-texts-retention';

class TimelineEntryResponse {
  @ApiProperty() version: number;
  @ApiProperty({ example: 'lantern.order.placed.v1' }) type: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) actor: string | null;
}

class FulfillerResponse {
  @ApiProperty({ enum: FULFILLER_TYPES_V2, description: 'station: the station fulfilled it itself (its id is the station id)' }) type: string;
  @ApiProperty({ example: 'lizhoujiao' }) id: string;
}

class HandBackResponse {
  @ApiProperty({ type: FulfillerResponse }) fulfiller: FulfillerResponse;
  @ApiProperty({ example: 'no_capacity' }) reason: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class FollowUpResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Who owns the case: whoever held the claim' }) ownerId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it must be closed (null for a case opened before deadlines existed)' }) dueAt: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the supervisors were alerted that it passed its deadline open' }) overdueAt: string | null;
  @ApiProperty({ nullable: true, enum: FOLLOW_UP_OUTCOMES }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
}

class ParticipantResponse {
  @ApiProperty() personId: string;
  @ApiProperty() hours: number;
}

class TextsRetentionResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the details and the feedback comment are deleted: ORDER_DETAILS_RETENTION_MS (180 days) after the order ended (CLOSED or CANCELLED); null while it runs',
  })
  expiresAt: string | null;
  @ApiProperty({ description: 'True once that time has passed: the details and the comment are gone for good and never in this answer again; the order itself stays' })
  expired: boolean;
}

export class OrderResponse {
  @ApiProperty({ example: 'ord_3f1c…' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty() residentId: string;
  @ApiProperty({ example: 'after-school-care' }) serviceCode: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['public', 'restricted', 'confidential'] }) privacy: string;
  @ApiProperty({ enum: ['normal', 'urgent'] }) urgency: string;
  @ApiProperty({ enum: ['resident', 'staff'] }) placedBy: string;
  @ApiProperty() stationId: string;
  @ApiProperty() villageId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Charity disbursement that pays for this order' }) fundedBy: string | null;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
  @ApiProperty({ description: 'Latest offer round (0: not offered yet)' }) offerRound: number;
  @ApiProperty({ nullable: true, enum: ['supervisor', 'committee'] }) escalationLevel: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Who holds the claim: the social worker whose claim won, or the supervisor / committee member who took the escalated order' })
  claimedBy: string | null;
  @ApiProperty({ nullable: true, enum: ['social_worker', 'supervisor', 'committee'], description: 'In what capacity the claim was taken (for an order routed straight from ESCALATED: as whom it was taken)' })
  claimedAs: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When whoever holds the claim took it (its claim, the routing that took the escalated order, or the reassignment to them)' })
  claimedAt: string | null;
  @ApiProperty({ nullable: true, type: FulfillerResponse }) fulfiller: FulfillerResponse | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Of the routing; for an order the station fulfilled itself, the fulfil SLA from when it took it' })
  fulfilDeadline: string | null;
  @ApiProperty({ nullable: true, enum: ['done', 'partially_done', 'referred'] }) outcome: string | null;
  @ApiProperty({ type: [ParticipantResponse] }) participants: ParticipantResponse[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) feedbackDeadline: string | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 5 }) rating: number | null;
  @ApiProperty() followUpRequested: boolean;
  @ApiProperty({ nullable: true, type: FollowUpResponse, description: 'The follow-up case a low rating opened (null: none)' }) followUp: FollowUpResponse | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: [HandBackResponse], description: 'Each fulfiller that handed the order back, and why' }) handBacks: HandBackResponse[];
  @ApiProperty({ nullable: true, enum: ['rated', 'feedback_deadline_passed'] }) closedBecause: string | null;
  @ApiPropertyOptional({ description: 'Only shown to those allowed to read it' }) details?: string;
  @ApiPropertyOptional({ description: 'The resident’s feedback comment; shown to those who may read the details' }) comment?: string;
  @ApiPropertyOptional({ type: TextsRetentionResponse, description: 'Shown to those who may read the details: how long the details and comment are kept, and whether they expired (docs/retention.md)' })
  textsRetention?: TextsRetentionResponse;
  @ApiProperty({ type: [TimelineEntryResponse] }) timeline: TimelineEntryResponse[];

  static from(state: OrderState, version: number, details?: string | null, comment?: string | null, retention?: TextsRetention): OrderResponse {
    // residentRef is how events name the resident; the API names them by id to those who may see the order.
    const { exists: _exists, residentRef: _residentRef, id, ...rest } = state;
    const textsRetention = retention ? { textsRetention: { expiresAt: retention.expiresAt?.toISOString() ?? null, expired: retention.expired } } : {};
    return { id, version, ...rest, ...(details ? { details } : {}), ...(comment ? { comment } : {}), ...textsRetention };
  }
}
