import { PositionLogEntry } from '@lantern/event-store';
import { Connection, Model, Schema } from 'mongoose';
import { AuditEntry } from './domain/audit-entry';

/**
 * Position n of one audit log (`_id` `{log}#{n}`), with a copy of its entry, so that a page of a
 * log is one `_id` lookup per entry. Inserted once, never updated or deleted: nothing in Lantern
 * edits the audit trail. The same collection holds each entry's claim (`{entryId}#claim`: where
 * each of its logs is searched for it, PositionLog.record), inserted in the same command.
 */
export interface AuditLogPosition extends PositionLogEntry {
  entry: AuditEntry;
}

const positionSchema = new Schema<AuditLogPosition>(
  { _id: { type: String, required: true }, log: String, n: Number, key: String, entry: { type: Object } },
  { collection: 'audit_log', versionKey: false },
);

export const auditLogModel = (connection: Connection): Model<AuditLogPosition> =>
  (connection.models.AuditLogPosition as Model<AuditLogPosition>) ?? connection.model('AuditLogPosition', positionSchema);
