import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConfidentialReadLog } from '../../orders/confidential-read-log';
import { AuditTrail } from '../audit-trail';

/**
 * The access log of confidential details (issue 13), kept in the audit trail: every answer that
 * contains the free-text details or the feedback comment of a confidential order is first recorded
 * as an `order.details-read` entry (who, which order, at which station, when), so a failed record
 * answers 5xx rather than an unaudited read. Supervisors and admins query it with GET /v1/audit.
 */
@Injectable()
export class AuditedConfidentialReads implements ConfidentialReadLog {
  constructor(private readonly trail: AuditTrail) {}

  async record(orderId: string, stationId: string, reader: Principal): Promise<void> {
    await this.trail.record({
      id: `read_${randomUUID()}`,
      at: new Date().toISOString(),
      action: 'order.details-read',
      actorId: reader.sub,
      orderId,
      stationId,
      subject: null,
      details: { readerRoles: [...reader.roles].sort().join(',') },
    });
  }
}
