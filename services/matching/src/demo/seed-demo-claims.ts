import { asOfPast } from '@lantern/clock';
import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { DemoOrder, demoHistory, inPool, MATCHING_STEPS, stepTime, whenReady } from '@lantern/demo-history';
import { Logger } from '@lantern/logging';
import { LOGGER } from '@lantern/platform';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClaimOrderHandler } from '../matching/claim-order/claim-order.handler';
import { ClaimSlaDeadlineHandler } from '../matching/claim-sla/claim-sla.deadline-handler';
import { currentOffers } from '../matching/domain/matching-case.state';
import { MatchingCaseRepository } from '../matching/matching-case.repository';

/** As many as the orders seeder plays at once: the two move through the plan side by side. */
const AT_ONCE = 5;
/** How long to wait for an order's placement to reach matching. */
const PATIENCE_MS = 180_000;
/** Offer rounds and escalation levels: the claim clock never needs to run out more often to reach the supervisors. */
const MOST_RUN_OUTS = 6;

/**
 * With SEED_DEMO_HISTORY=true (npm start), matching's part of the demo history
 * (@lantern/demo-history): once an order's placement has opened its case, the first worker
 * offered it claims it — or its claim clock runs out until it is with the station's supervisors —
 * through this service's own handlers, at the past time the plan gives (`asOfPast`). The orders
 * seeder carries on from the event. Idempotent: a case that moved past its offers is left alone.
 */
@Injectable()
export class SeedDemoClaims implements OnApplicationBootstrap {
  /** Settles when matching's part has been played (tests wait on it). */
  done: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly cases: MatchingCaseRepository,
    private readonly claims: ClaimOrderHandler,
    private readonly claimClock: ClaimSlaDeadlineHandler,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SEED_DEMO_DATA || !this.config.SEED_DEMO_HISTORY) return;
    this.done = this.playAll().catch((error: unknown) => this.logger.error({ err: error }, 'demo history: matching stopped'));
  }

  private async playAll(): Promise<void> {
    const began = Date.now();
    const ours = demoHistory().filter((order) => order.steps.some((step) => MATCHING_STEPS.has(step.kind)));
    await inPool(ours, AT_ONCE, (order) => this.play(order));
    this.logger.info({ orders: ours.length, seconds: Math.round((Date.now() - began) / 100) / 10 }, 'demo history: claims played');
  }

  private async play(order: DemoOrder): Promise<void> {
    const orderId = `ord_${order.seed}`;
    const step = order.steps.find((candidate) => MATCHING_STEPS.has(candidate.kind))!;
    const intake = await whenReady(async () => ((await this.cases.load(orderId)).state.status === 'NEW' ? undefined : ((await this.cases.findIntake(orderId)) ?? undefined)), PATIENCE_MS, 500);
    if (!intake) {
      this.logger.info({ orderId }, 'demo history: the order never reached matching');
      return;
    }
    const at = stepTime(intake.placedAt, step);
    if (at.getTime() > Date.now()) return;
    for (let runOuts = 0; runOuts <= MOST_RUN_OUTS; runOuts += 1) {
      const { state } = await this.cases.load(orderId);
      // Claimed, escalated or withdrawn: played before, or its live clock got there first.
      if (state.status !== 'OFFERED') return;
      if (step.kind === 'claim') {
        const [first] = currentOffers(state).map((offer) => offer.socialWorkerId).sort();
        await asOfPast(at, () => this.claims.execute({ sub: first, roles: ['social_worker'], stations: [intake.stationId] }, orderId)).catch(async (error: unknown) => {
          // Another replica (docker compose --scale) claimed it a moment earlier: a 409 here.
          if ((await this.cases.load(orderId)).state.status === 'OFFERED') throw error;
        });
        return;
      }
      await asOfPast(at, () => this.claimClock.runOut(orderId, state.stage));
    }
  }
}
