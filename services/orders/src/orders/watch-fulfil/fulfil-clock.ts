import { Deadlines } from '@lantern/deadlines';
import { Injectable } from '@nestjs/common';

/** The deadline kind of fulfil clocks. */
export const FULFIL_SLA_DEADLINE = 'order-fulfil-sla';
export type FulfilLeg = 'warning' | 'overdue';

/** The warning goes out when this share of the fulfil leg has passed. */
const WARN_AT_SHARE = 0.8;

/**
 * Starts the fulfil clock of a routing: a warning before the deadline and the escalation at it.
 * One deadline per routing and leg (`fulfil:{orderId}:{routedVersion}:{leg}`), so a reroute
 * after a hand-back starts clocks of its own and the old ones find their routing gone. Set by
 * the route handler after its append, and again when this service consumes its own routed event
 * (a process that died in between still gets its clock); setting it twice keeps the first time.
 */
@Injectable()
export class FulfilClock {
  constructor(private readonly deadlines: Deadlines) {}

  async start(orderId: string, routedVersion: number, routedAt: Date, fulfilDeadline: Date): Promise<void> {
    const warnAt = new Date(routedAt.getTime() + (fulfilDeadline.getTime() - routedAt.getTime()) * WARN_AT_SHARE);
    const legs: [FulfilLeg, Date][] = [
      ['warning', warnAt],
      ['overdue', fulfilDeadline],
    ];
    await Promise.all(
      legs.map(([leg, dueAt]) =>
        this.deadlines.schedule({ id: `fulfil:${orderId}:${routedVersion}:${leg}`, kind: FULFIL_SLA_DEADLINE, aggregateId: orderId, dueAt, payload: { routedVersion, leg } }),
      ),
    );
  }
}
