/** The order journey (DESIGN.md): each status and the transitions out of it. */
export const ORDER_STATUSES = ['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED', 'IN_PROGRESS', 'FULFILLED', 'CLOSED', 'CANCELLED'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];
