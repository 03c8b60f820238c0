import { ApiProperty } from '@nestjs/swagger';
import { AuditEntry } from '../domain/audit-entry';

export class AuditEntryDto implements AuditEntry {
  @ApiProperty({ description: 'The id of the event it was recorded from, or read_… for a read of confidential details' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'order.claimed', description: 'order.placed / claimed / escalated / routed / started / completed / rated / cancelled / handed-back / reassigned, order.details-read, menu-service.added / retired / reinstated / needs-linked, charity.manager-added / manager-removed' })
  action: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who did it; null when Lantern did (an escalation) or staff placed it on a resident’s behalf' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) orderId: string | null;
  @ApiProperty({ type: String, nullable: true }) stationId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'service:meals', description: 'service:{code} or campaign:{id}' }) subject: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A few facts of the action (outcome, reason, level…)' }) details: AuditEntry['details'];
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryDto], description: 'Latest recorded first' }) items: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null at the end' }) nextCursor: string | null;
}
