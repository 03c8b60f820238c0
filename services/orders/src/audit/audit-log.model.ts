import { dayBucket, PositionLogEntry, RetentionRule } from '@lantern/event-store';
import { Connection, Model, Schema } from 'mongoose';
import { AuditEntry } from './domain/audit-entry';

/**
 * Position n of one audit log (`_id` `{log}#{n}`), with a copy of its entry, so that a page of a
 * log is one `_id` lookup per entry. Inserted once, never updated or deleted one by one: nothing
 * in Lantern edits the audit trail. The same collection holds each entry's claim (`{entryId}#claim`:
 * where each of its logs is searched for it, PositionLog.record), inserted in the same command.
 */
export interface AuditLogPosition extends PositionLogEntry {
  entry: AuditEntry;
}

export const AUDIT_LOG = 'audit_log';

/**
 * How long the trail is kept: 365 whole days after the end of an entry's day, then its day's
 * collection is dropped (docs/retention.md). An access log must outlive the questions asked of
 * it; a year covers the yearly review of a station's work and a resident's complaint about it.
 */
export const AUDIT_RETENTION: RetentionRule = { base: AUDIT_LOG, keepDays: 365 };

/**
 * The collection of one Asia/Shanghai day's entries, `audit_log_{yyyymmdd}`: every log is a log of
 * one day (AuditEntry logsOf), so each lives in one bucket, and a day expires by dropping it.
 */
export const auditBucket = (day: string) => dayBucket(AUDIT_LOG, new Date(`${day}T00:00:00Z`));

const positionSchema = new Schema<AuditLogPosition>({ _id: { type: String, required: true }, log: String, n: Number, key: String, entry: { type: Object } }, { versionKey: false });

export const auditLogModel = (connection: Connection, day: string): Model<AuditLogPosition> => {
  const bucket = auditBucket(day);
  return (connection.models[bucket] as Model<AuditLogPosition>) ?? connection.model(bucket, positionSchema, bucket);
};
