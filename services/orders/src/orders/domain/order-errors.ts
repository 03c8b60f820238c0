import { ConflictError } from '@lantern/errors';
import { OrderStatus } from './order-status';

/** The journey does not allow this action from the order's status: a conflict (409) naming both. */
export class TransitionRefused extends ConflictError {
  constructor(
    readonly orderId: string,
    readonly currentStatus: OrderStatus,
    readonly action: string,
    message: string,
  ) {
    super(message, { currentStatus, action });
  }
}
