import { Deadlines } from '@lantern/deadlines';
import { BoundedMap, KeyedSerializer } from '@lantern/event-store';
import { Injectable } from '@nestjs/common';

/** The deadline kind of fulfil clocks. */
export const FULFIL_SLA_DEADLINE = 'order-fulfil-sla';
export type FulfilLeg = 'warning' | 'overdue';

/** How many clocks set lately a replica remembers. */
const SET_HERE_MEMO = 5_000;

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
  /** Routings whose clock this replica set (a memo: the consumed event need not set it again). */
  private readonly setHere = new BoundedMap<string, true>(SET_HERE_MEMO);
  /** Routings (and direct starts) running in this replica, by order: the consumed routed event waits for them (as FeedbackClock's). */
  private readonly routing = new KeyedSerializer();

  constructor(private readonly deadlines: Deadlines) {}

  /** Runs a command that appends a routing and then starts this clock; the consumed routed event waits for it. */
  whileRouting<T>(orderId: string, command: () => Promise<T>): Promise<T> {
    return this.routing.run(orderId, command);
  }

  /**
   * From the consumed routed event: the clock again, unless this replica set it after the append
   * itself (then no process died in between, and setting it again would cost two writes and two reads).
   */
  async startUnlessSetHere(orderId: string, routedVersion: number, routedAt: Date, fulfilDeadline: Date): Promise<void> {
    await this.routing.settled(orderId);
    if (this.setHere.get(`${orderId}:${routedVersion}`)) return;
    await this.start(orderId, routedVersion, routedAt, fulfilDeadline);
  }

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
    this.setHere.set(`${orderId}:${routedVersion}`, true);
  }
}
