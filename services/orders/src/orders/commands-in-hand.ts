/**
 * The commands this replica has in hand that append an order's event and then set a clock for it
 * (a completion's feedback clock, a routing's fulfil clock), by order. The consumer of that event
 * sets the same clock again as a safety net (for a process that died between the append and the
 * clock); it first waits for the command in hand here (`settled`), then finds the clock set.
 *
 * Why it waits rather than races: the event can come back through Kafka before the command reaches
 * its clock, and the first writer's due time stands (Deadlines.schedule). In production both
 * compute the same time. While a demo seeder plays history (`asOfPast`), they do not: the
 * command's clock keeps its length from today (wallClockFor) while the event's due time lies in
 * the past — the consumer's clock fired at once and closed an order before its rating was played.
 * Another replica's consumer does not wait (it cannot see this one's commands): the demo history
 * runs in one replica.
 */
export class CommandsInHand {
  private readonly inHand = new Map<string, Promise<unknown>>();

  /** Runs the command; until it settles, `settled(orderId)` waits for it. */
  run<T>(orderId: string, command: () => Promise<T>): Promise<T> {
    const running = command();
    const all = Promise.allSettled([this.inHand.get(orderId), running]);
    this.inHand.set(orderId, all);
    void all.then(() => this.inHand.get(orderId) === all && this.inHand.delete(orderId));
    return running;
  }

  /** Resolves once every command in hand for the order has settled, whatever its outcome. */
  async settled(orderId: string): Promise<void> {
    await this.inHand.get(orderId);
  }
}
