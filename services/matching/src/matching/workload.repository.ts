import { insertOnce, KeyedSerializer, retryUpsertRace, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { fieldKey } from './field-key';
import { ActiveOrder, Assignment, assignmentModel, ResidentContinuity, residentContinuityModel, WorkerWorkload, workerWorkloadModel } from './workload.models';

/** How long a replica trusts the ledger's word that an order is still claimed (see stillActive). */
const CONFIRMED_ACTIVE_MS = 60_000;

/** What selection needs of a worker's workload. */
export interface WorkloadFacts {
  load: number;
  lastClaimedAt: Date | null;
}

/**
 * The workload behind capacity, continuity and fairness: every read and write by `_id`. None of
 * it arbitrates anything (the claim itself is decided by the case stream).
 *
 * A worker's document is written by the claims and releases of all their orders, which FerretDB
 * can lose when two land at once (KeyedSerializer): within a replica they are queued; between
 * replicas a lost entry is repaired where it matters — a worker who looks at capacity has their
 * entries checked against the claim ledger (`active_assignments`, one document per order, which
 * only that order's writers touch) and released orders dropped. A lost *addition* undercounts a
 * worker by that order until it is released.
 */
@Injectable()
export class WorkloadRepository {
  private readonly assignments: Model<Assignment>;
  private readonly workloads: Model<WorkerWorkload>;
  private readonly continuity: Model<ResidentContinuity>;
  private readonly writes = new KeyedSerializer();
  /** Orders the ledger recently said are still claimed: a full worker is not re-checked on every match. */
  private readonly confirmedActive = new Map<string, number>();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.assignments = assignmentModel(connection);
    this.workloads = workerWorkloadModel(connection);
    this.continuity = residentContinuityModel(connection);
  }

  /**
   * Records a won claim. Run after every command on a claimed case, so a retry finishes what a
   * crash left: the ledger insert says whether this is the first time; repeating the worker's
   * entry changes nothing; continuity is only ever moved forward (and not kept at all without a
   * resident: `residentId` null).
   */
  async recordClaim(orderId: string, socialWorkerId: string, residentId: string | null, claimedAt: Date): Promise<void> {
    const first = await insertOnce(this.assignments.collection, { _id: orderId, socialWorkerId, claimedAt, releasedAt: null });
    if (!first) {
      const recorded = await this.assignments.findById(orderId).lean<Assignment>();
      if (recorded?.releasedAt) return; // completed or cancelled since: it no longer counts
      // Reassigned: the ledger names the new holder, and the order leaves the old one's load.
      if (recorded?.socialWorkerId && recorded.socialWorkerId !== socialWorkerId) {
        await this.assignments.updateOne({ _id: orderId }, { $set: { socialWorkerId, claimedAt } });
        await this.removeActive(recorded.socialWorkerId, [orderId]);
      }
    }
    await Promise.all([
      this.addActive(socialWorkerId, orderId, claimedAt),
      residentId === null ? undefined : first ? this.setContinuity(residentId, socialWorkerId, claimedAt) : this.setContinuityIfNewer(residentId, socialWorkerId, claimedAt),
    ]);
  }

  /** Whether the order is done with (completed or cancelled): one `_id` read of the ledger. */
  async isReleased(orderId: string): Promise<boolean> {
    return !!(await this.assignments.findById(orderId).lean<Assignment>())?.releasedAt;
  }

  /**
   * The order is done with (completed, or cancelled): it no longer counts against anyone's
   * capacity. Marks the ledger (so a late claim retry cannot count it again), then removes it
   * from its worker's document. Repeating it changes nothing.
   */
  async release(orderId: string): Promise<void> {
    this.confirmedActive.delete(orderId);
    const recorded = await this.markReleased(orderId);
    if (recorded?.socialWorkerId) await this.removeActive(recorded.socialWorkerId, [orderId]);
  }

  /**
   * Load and last claim of each worker, one `_id` read each. A worker whose entries reach their
   * capacity has them checked against the ledger first, so a release lost between replicas
   * cannot keep them out of offers.
   */
  async workloadsOf(workers: { id: string; capacity: number }[]): Promise<Map<string, WorkloadFacts>> {
    const facts = await Promise.all(
      workers.map(async ({ id, capacity }) => {
        const workload = await this.workloads.findById(id).lean<WorkerWorkload>();
        let active = Object.values(workload?.active ?? {});
        if (active.length >= capacity) active = await this.stillActive(id, active);
        return [id, { load: active.length, lastClaimedAt: workload?.lastClaimedAt ?? null }] as const;
      }),
    );
    return new Map(facts);
  }

  async lastWorkerFor(residentId: string): Promise<string | null> {
    return (await this.continuity.findById(residentId).lean<ResidentContinuity>())?.socialWorkerId ?? null;
  }

  /** The ledger entry before the mark (null when there was none: the mark keeps a late claim out). */
  private async markReleased(orderId: string): Promise<Assignment | null> {
    const mark = () =>
      this.assignments.collection.findOneAndUpdate({ _id: orderId } as never, { $set: { releasedAt: new Date() } }, { upsert: true, returnDocument: 'before' });
    return (await retryUpsertRace(mark)) as Assignment | null;
  }

  /**
   * The entries of a full worker that the claim ledger says are still claimed (one `_id` read
   * each, unless this replica confirmed it within CONFIRMED_ACTIVE_MS); released ones are dropped
   * from the worker's document.
   */
  private async stillActive(socialWorkerId: string, active: ActiveOrder[]): Promise<ActiveOrder[]> {
    const now = Date.now();
    const unconfirmed = active.filter((entry) => now - (this.confirmedActive.get(entry.orderId) ?? 0) >= CONFIRMED_ACTIVE_MS);
    const ledger = await Promise.all(unconfirmed.map((entry) => this.assignments.findById(entry.orderId).lean<Assignment>()));
    const released = unconfirmed.filter((_, index) => !ledger[index] || ledger[index]?.releasedAt);
    if (this.confirmedActive.size > 10_000) this.confirmedActive.clear(); // a bound, not a policy
    for (const entry of unconfirmed) if (!released.includes(entry)) this.confirmedActive.set(entry.orderId, now);
    if (released.length > 0) await this.removeActive(socialWorkerId, released.map((entry) => entry.orderId));
    return active.filter((entry) => !released.includes(entry));
  }

  private addActive(socialWorkerId: string, orderId: string, claimedAt: Date): Promise<void> {
    return this.updateWorker(socialWorkerId, { $set: { [`active.${fieldKey(orderId)}`]: { orderId, claimedAt } }, $max: { lastClaimedAt: claimedAt } }, true);
  }

  private removeActive(socialWorkerId: string, orderIds: string[]): Promise<void> {
    return this.updateWorker(socialWorkerId, { $unset: Object.fromEntries(orderIds.map((orderId) => [`active.${fieldKey(orderId)}`, ''])) }, false);
  }

  private updateWorker(socialWorkerId: string, update: Record<string, unknown>, upsert: boolean): Promise<void> {
    return this.writes.run([socialWorkerId], async () => {
      // Two replicas creating one worker's document: the loser's insert fails; the document now exists.
      await retryUpsertRace(() => this.workloads.collection.updateOne({ _id: socialWorkerId } as never, update, { upsert }));
    });
  }

  private async setContinuity(residentId: string, socialWorkerId: string, servedAt: Date): Promise<void> {
    await upsertById(this.continuity.collection, residentId, { $set: { socialWorkerId, servedAt } });
  }

  /** A retried claim: a later claim for the same resident may have moved continuity on since. */
  private async setContinuityIfNewer(residentId: string, socialWorkerId: string, servedAt: Date): Promise<void> {
    const current = await this.continuity.findById(residentId).lean<ResidentContinuity>();
    if (current && current.servedAt.getTime() >= servedAt.getTime()) return;
    await this.setContinuity(residentId, socialWorkerId, servedAt);
  }
}
