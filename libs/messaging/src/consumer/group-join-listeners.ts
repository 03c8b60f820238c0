import type { Logger } from '@lantern/logging';

/** This replica's consumer has (re)joined its group: at start-up and after every rebalance. */
export interface GroupJoin {
  groupId: string;
  memberId: string;
  isLeader: boolean;
  /** The partitions this replica now consumes, by topic. */
  assignment: Record<string, number[]>;
}

export type GroupJoinListener = (join: GroupJoin) => void | Promise<void>;

/**
 * Whoever must act when the group's membership changes. A rebalance is how the survivors learn
 * that a replica joined, left or died, so work that only the dead one knew about in memory (its
 * pending deadlines, say) can be looked up again. The listeners are told after kafkajs reports
 * the join; they run in the background, and one that fails is logged, never allowed to fail the
 * join (kafkajs calls its event listeners inside the join).
 */
export class GroupJoinListeners {
  private readonly listeners = new Set<GroupJoinListener>();

  constructor(private readonly logger?: Logger) {}

  /** Returns the function that removes the listener again. */
  add(listener: GroupJoinListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  notify(join: GroupJoin): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(join))
        .catch((error: unknown) => this.logger?.warn({ err: error, groupId: join.groupId }, 'group join listener failed'));
    }
  }
}
