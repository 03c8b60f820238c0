import { wallClockFor } from '@lantern/clock';
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
 * One deadline per routing (`fulfil:{orderId}:{routedVersion}`), due at the warning and then set
 * anew for the escalation, so a reroute after a hand-back starts a clock of its own and the old
 * one finds its routing gone. Set by
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

  /**
   * One deadline for both legs (one write): due at the warning, carrying the overdue time, to
   * which the warning's handler sets it anew (FulfilSlaDeadlineHandler). Both times are wall-clock
   * times (wallClockFor), so that a routing played in the past keeps its whole leg from today.
   */
  async start(orderId: string, routedVersion: number, routedAt: Date, fulfilDeadline: Date): Promise<void> {
    const warnAt = new Date(routedAt.getTime() + (fulfilDeadline.getTime() - routedAt.getTime()) * WARN_AT_SHARE);
    const payload: FulfilClockPayload = { routedVersion, leg: 'warning', overdueAt: wallClockFor(fulfilDeadline).toISOString() };
    await this.deadlines.schedule({ id: fulfilDeadlineId(orderId, routedVersion), kind: FULFIL_SLA_DEADLINE, aggregateId: orderId, dueAt: warnAt, payload });
    this.setHere.set(`${orderId}:${routedVersion}`, true);
  }
}

/** What a fulfil deadline carries: its routing, the leg it fires for, and (a warning) when the order is overdue. */
export type FulfilClockPayload = {
  routedVersion: number;
  leg: FulfilLeg;
  /** Set on the warning since one deadline serves both legs; absent on the separate deadlines of routings before that. */
  overdueAt?: string;
};

/** The fulfil deadline of a routing (`fulfil:{orderId}:{routedVersion}`; before one served both legs, one per leg with `:{leg}` after it). */
export const fulfilDeadlineId = (orderId: string, routedVersion: number) => `fulfil:${orderId}:${routedVersion}`;
