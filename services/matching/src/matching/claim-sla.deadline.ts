/** The deadline kind of claim-SLA clocks. */
export const CLAIM_SLA_DEADLINE = 'claim-sla';

/**
 * One clock per stage of a case (`claim-sla:{orderId}:{stage}`). Keyed by stage rather than by
 * stream version: a decline moves the version on without restarting the clock.
 */
export const claimSlaDeadlineId = (orderId: string, stage: number) => `${CLAIM_SLA_DEADLINE}:${orderId}:${stage}`;
