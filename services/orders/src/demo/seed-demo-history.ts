import { asOfPast } from '@lantern/clock';
import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { DEMO_VOLUNTEERS, DemoOrder, demoHistory, DemoParticipant, DemoStep, inPool, MATCHING_STEPS, placementTime, stepTime, whenReady } from '@lantern/demo-history';
import { Principal } from '@lantern/identity';
import { Logger } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CancelOrderHandler } from '../orders/cancel-order/cancel-order.handler';
import { CloseFollowUpHandler } from '../orders/close-follow-up/close-follow-up.handler';
import { CompleteOrderHandler } from '../orders/complete-order/complete-order.handler';
import { OrderState } from '../orders/domain/order.state';
import { GiveFeedbackHandler } from '../orders/give-feedback/give-feedback.handler';
import { OrderRepository } from '../orders/order.repository';
import { PlaceOrderHandler } from '../orders/place-order/place-order.handler';
import { RouteOrderHandler } from '../orders/route-order/route-order.handler';
import { StartOrderHandler } from '../orders/start-order/start-order.handler';
import { ReportStore } from '../reports/report-store';
import { DemoSurvey } from './demo-survey';
import { fulfillerMember, resident, supervisorOf } from './demo-principals';
import { SeedReferenceData } from './seed-reference-data';

/** Orders played at once: few enough that the demo workers' capacity is never the limit. */
const AT_ONCE = 5;
/** How long a step waits for matching's part, or for the reference data matching publishes. */
const PATIENCE_MS = 180_000;

/**
 * With SEED_DEMO_HISTORY=true (npm start), orders' part of the demo history
 * (@lantern/demo-history): each order placed, routed, started, completed, rated, cancelled or
 * followed up through this service's own handlers, at the past time the plan gives it
 * (`asOfPast`, which nothing outside this process can reach); matching's seeder claims and
 * escalates. Runs after start-up without holding it up, and is idempotent: a step whose effect
 * the order's stream already shows is skipped, so a restart costs one read per order.
 */
@Injectable()
export class SeedDemoHistory implements OnApplicationBootstrap {
  /** Settles when the history has been played (tests wait on it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly orders: OrderRepository,
    private readonly placeOrder: PlaceOrderHandler,
    private readonly routeOrder: RouteOrderHandler,
    private readonly startOrder: StartOrderHandler,
    private readonly completeOrder: CompleteOrderHandler,
    private readonly giveFeedback: GiveFeedbackHandler,
    private readonly cancelOrder: CancelOrderHandler,
    private readonly closeFollowUp: CloseFollowUpHandler,
    private readonly survey: DemoSurvey,
    private readonly referenceData: SeedReferenceData,
    private readonly reports: ReportStore,
  ) {}

  private volunteersKnown?: Promise<boolean>;

  onApplicationBootstrap(): void {
    if (!this.config.SEED_DEMO_DATA || !this.config.SEED_DEMO_HISTORY) return;
    this.done = this.playAll().catch((error: unknown) => this.logger.error({ err: error }, 'demo history: stopped'));
  }

  private async playAll(): Promise<void> {
    const began = Date.now();
    // On a fresh database the stations and the menu are being stored at this very moment.
    await this.referenceData.seeded();
    const today = new Date();
    const plan = demoHistory();
    let placed = 0;
    await Promise.all([
      inPool(plan, AT_ONCE, async (order) => {
        if (await this.play(order, today)) placed += 1;
      }),
      this.survey.play(today),
    ]);
    this.logger.info({ orders: plan.length, placedNow: placed, seconds: Math.round((Date.now() - began) / 100) / 10 }, 'demo history: played');
  }

  /** Plays one order as far as the present allows; true when it was placed just now. */
  private async play(order: DemoOrder, today: Date): Promise<boolean> {
    const orderId = `ord_${order.seed}`;
    let state = (await this.orders.load(orderId)).state;
    const placedNow = !state.exists;
    if (placedNow) {
      const request = { serviceCode: order.serviceCode, stationId: order.stationId, urgency: order.urgency };
      state = await asOfPast(placementTime(order, today), () => this.placeOrder.execute({ principal: resident(order.residentId), request, idempotencySeed: order.seed }));
    }
    for (const step of order.steps) {
      const at = stepTime(state.placedAt, step);
      if (at.getTime() > Date.now()) break; // not yet: a later start plays it
      const next = MATCHING_STEPS.has(step.kind) ? await this.matchingDid(orderId) : await this.take(order, step, at);
      if (!next) {
        this.logger.info({ orderId, step: step.kind }, 'demo history: an order stopped short of its plan');
        break;
      }
      state = next;
    }
    return placedNow;
  }

  /** Matching's seeder claims or escalates it: the order moves on when its event arrives. */
  private matchingDid(orderId: string): Promise<OrderState | undefined> {
    return whenReady(async () => {
      const { state } = await this.orders.load(orderId);
      return state.status === 'PLACED' || state.status === 'OFFERED' ? undefined : state;
    }, PATIENCE_MS);
  }

  /** One step of ours, on the order as it stands — skipped when the order shows it done; retried while refused. */
  private take(order: DemoOrder, step: DemoStep, at: Date): Promise<OrderState | undefined> {
    return whenReady(async () => {
      const { state } = await this.orders.load(`ord_${order.seed}`);
      if (!applies(state, step)) return state;
      return (await asOfPast(at, () => this.act(order, state, step))).state;
    }, PATIENCE_MS, 1000, (error) => this.logger.info({ err: error, orderId: `ord_${order.seed}`, step: step.kind }, 'demo history: a step kept being refused'));
  }

  /**
   * Who is credited for a team order: its volunteers, once volunteers' seeder has registered them
   * and put them in the team — which the registration of the last demo volunteer tells (see
   * DEMO_VOLUNTEERS) as it reaches the reports. Named earlier, they would be refused as
   * non-members. When volunteers' demo does not run, nobody is named.
   */
  private async participants(participants: DemoParticipant[]): Promise<DemoParticipant[]> {
    if (participants.length === 0) return [];
    const newcomer = DEMO_VOLUNTEERS.at(-1)!.id;
    this.volunteersKnown ??= whenReady(async () => ((await this.reports.findVolunteer(newcomer)) ? true : undefined), PATIENCE_MS).then((known) => {
      if (!known) this.logger.info('demo history: the demo volunteers were not registered; team orders are completed without them');
      return known === true;
    });
    return (await this.volunteersKnown) ? participants : [];
  }

  private act(order: DemoOrder, state: OrderState, step: DemoStep) {
    const orderId = state.id;
    switch (step.kind) {
      case 'route': {
        // Whoever holds it routes it; an escalated order nobody holds is the supervisor's.
        const router: Principal = state.claimedBy ? { sub: state.claimedBy, roles: ['social_worker'], stations: [order.stationId] } : supervisorOf(order);
        return this.routeOrder.execute(orderId, router, { fulfiller: step.fulfiller });
      }
      case 'start':
        return this.startOrder.execute(orderId, fulfillerMember(state));
      case 'complete':
        return this.participants(step.participants).then((participants) => this.completeOrder.execute(orderId, fulfillerMember(state), { outcome: step.outcome, participants }));
      case 'rate':
        return this.giveFeedback.execute(orderId, resident(order.residentId), { rating: step.rating });
      case 'close-follow-up':
        return this.closeFollowUp.execute(orderId, supervisorOf(order), { outcome: 'explained' });
      case 'cancel':
        return this.cancelOrder.execute(orderId, step.by === 'resident' ? resident(order.residentId) : supervisorOf(order), { reason: step.by === 'resident' ? 'no_longer_needed' : 'duplicate' });
      default:
        throw new Error(`demo history: ${step.kind} is matching's step`);
    }
  }
}

/** Whether the step is still to be taken on the order as it stands (a restart skips what is done). */
function applies(state: OrderState, step: DemoStep): boolean {
  switch (step.kind) {
    case 'route':
      return state.status === 'CLAIMED' || state.status === 'ESCALATED';
    case 'start':
      return state.status === 'ROUTED';
    case 'complete':
      return state.status === 'IN_PROGRESS';
    case 'rate':
      return state.status === 'FULFILLED';
    case 'close-follow-up':
      return state.followUp?.status === 'open';
    case 'cancel':
      return ['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED'].includes(state.status);
    default:
      return false;
  }
}
