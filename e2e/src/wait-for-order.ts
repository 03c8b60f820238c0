import { waitFor } from '@lantern/testing';
import { Stack } from './start-all-services';

/** Waits until the order, read from the orders service as `token`, satisfies `match`; returns its body. */
export function waitForOrder(stack: Stack, orderId: string, token: string, match: (order: Record<string, unknown>) => boolean, description: string) {
  return waitFor(
    async () => {
      const order = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token });
      return order.status === 200 && match(order.body) ? (order.body as Record<string, unknown>) : undefined;
    },
    { timeoutMs: 15_000, description: `${description} (${orderId})` },
  );
}
