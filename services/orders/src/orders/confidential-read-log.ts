import { Principal } from '@lantern/identity';

/**
 * Where a read of a confidential order's details is recorded before the details are answered
 * (issue 13): who, which order, at which station, when. The audit trail keeps it
 * (audit/record-reads); the order's use cases only know this port, so the orders area does not
 * depend on the audit area, which reads the orders to answer its queries.
 */
export interface ConfidentialReadLog {
  /** Resolves once the read is recorded; a failure must fail the read it was for. */
  record(orderId: string, stationId: string, reader: Principal): Promise<void>;
}

export const CONFIDENTIAL_READ_LOG = Symbol('ConfidentialReadLog');
