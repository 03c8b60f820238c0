import { OrderStatus } from './order-status';

/**
 * The journey does not allow this action from the order's status. A domain error: the
 * repository that runs commands answers it as 409, naming the status and the action.
 */
export class TransitionRefused extends Error {
  constructor(
    readonly orderId: string,
    readonly currentStatus: OrderStatus,
    readonly action: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionRefused';
  }
}
