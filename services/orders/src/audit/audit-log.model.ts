import { PositionLogEntry, PositionLogHead } from '@lantern/event-store';
import { Connection, Model, Schema } from 'mongoose';
import { AuditEntry } from './domain/audit-entry';

/**
 * Position n of one audit log (`_id` `{log}#{n}`), with a copy of its entry, so that a page of a
 * log is one `_id` lookup per entry. Inserted once, never updated or deleted: nothing in Lantern
 * edits the audit trail.
 */
export interface AuditLogPosition extends PositionLogEntry {
  entry: AuditEntry;
}

/**
 * Where each of an entry's logs is searched for it, recorded (`_id` = entry id) before any log
 * is appended to: every later recording of the same entry — a redelivery, another replica —
 * starts from the same positions and so finds the entry instead of listing it twice.
 */
export interface AuditClaim {
  _id: string;
  claims: { log: string; from: number }[];
}

const positionSchema = new Schema<AuditLogPosition>(
  { _id: { type: String, required: true }, log: String, n: Number, key: String, entry: { type: Object } },
  { collection: 'audit_log', versionKey: false },
);
const headSchema = new Schema<PositionLogHead>({ _id: { type: String, required: true }, end: Number }, { collection: 'audit_log_heads', versionKey: false });
const claimSchema = new Schema<AuditClaim>({ _id: { type: String, required: true }, claims: { type: [Object] } }, { collection: 'audit_claims', versionKey: false });

export const auditLogModel = (connection: Connection): Model<AuditLogPosition> =>
  (connection.models.AuditLogPosition as Model<AuditLogPosition>) ?? connection.model('AuditLogPosition', positionSchema);
export const auditLogHeadModel = (connection: Connection): Model<PositionLogHead> =>
  (connection.models.AuditLogHead as Model<PositionLogHead>) ?? connection.model('AuditLogHead', headSchema);
export const auditClaimModel = (connection: Connection): Model<AuditClaim> =>
  (connection.models.AuditClaim as Model<AuditClaim>) ?? connection.model('AuditClaim', claimSchema);
