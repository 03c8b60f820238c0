import { NotFoundError } from '@lantern/errors';
import { Principal } from '@lantern/identity';
import { canSeeOrder } from './order-access.policy';
import { OrderState } from './order.state';

/**
 * Every command on an order starts here: an order the caller may not see answers exactly like
 * a missing one (404), so ids are not an oracle. Then the journey (409), then the role (403).
 */
export function requireVisible(order: OrderState, orderId: string, principal: Principal): void {
  if (!order.exists || !canSeeOrder(principal, order)) throw new NotFoundError(`Order ${orderId}`);
}
