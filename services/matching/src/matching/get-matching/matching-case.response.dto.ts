import { ApiProperty } from '@nestjs/swagger';

export class CandidateResponse {
  @ApiProperty() socialWorkerId: string;
  @ApiProperty({ description: 'Passed the hard filters (skill, station, active, available, capacity)' }) eligible: boolean;
  @ApiProperty() chosen: boolean;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '0-100: spare capacity, continuity, fairness' }) score: number | null;
  @ApiProperty({ type: [String], example: ['load 1/5 (+32)', 'served this resident before (+30)'] }) reasons: string[];
}

export class RoundResponse {
  @ApiProperty() round: number;
  @ApiProperty({ format: 'date-time' }) evaluatedAt: string;
  @ApiProperty({ type: [CandidateResponse] }) candidates: CandidateResponse[];
}

export class OfferResponse {
  @ApiProperty() socialWorkerId: string;
  @ApiProperty() round: number;
  @ApiProperty({ format: 'date-time' }) offeredAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['open', 'declined', 'claimed', 'void', 'expired', 'withdrawn'], description: 'void: another claim won' }) status: string;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
}

export class EscalationResponse {
  @ApiProperty({ enum: ['supervisor', 'committee'] }) level: string;
  @ApiProperty({ type: [String] }) assignees: string[];
  @ApiProperty({ format: 'date-time' }) escalatedAt: string;
}

export class CaseTimelineResponse {
  @ApiProperty() version: number;
  @ApiProperty({ example: 'lantern.matching.offers-made.v1' }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String }) actor: string | null;
}

export class MatchingCaseResponse {
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: ['NEW', 'OFFERED', 'EXPIRED', 'ESCALATED', 'CLAIMED', 'WITHDRAWN'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty() stationId: string;
  @ApiProperty() villageId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for an order of a confidential service: matching is told its category only' }) serviceCode: string | null;
  @ApiProperty() category: string;
  @ApiProperty({ enum: ['normal', 'urgent'] }) urgency: string;
  @ApiProperty({ description: 'Claim SLA of this order, in seconds' }) claimSlaSeconds: number;
  @ApiProperty() round: number;
  @ApiProperty({ nullable: true, type: String }) claimedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) claimedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the committee’s own clock ran out unclaimed and the admins were alerted' })
  backstopOverdueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ type: [RoundResponse], description: 'Every candidate of each round with the reasons it was or was not chosen' }) rounds: RoundResponse[];
  @ApiProperty({ type: [OfferResponse] }) offers: OfferResponse[];
  @ApiProperty({ type: [EscalationResponse] }) escalations: EscalationResponse[];
  @ApiProperty({ type: [CaseTimelineResponse] }) timeline: CaseTimelineResponse[];
}
