import { ORDER_STATUSES } from './order-status';
import { TransitionRefused } from './order-errors';
import { ALLOWED_FROM, assertAllowed, isAllowed, OrderAction } from './order-transitions';

describe('the order journey as a table', () => {
  it('follows DESIGN.md: each step from the status before it, cancel only before IN_PROGRESS', () => {
    expect(isAllowed('PLACED', 'offer')).toBe(true);
    expect(isAllowed('OFFERED', 'claim')).toBe(true);
    expect(isAllowed('ESCALATED', 'claim')).toBe(true);
    expect(isAllowed('CLAIMED', 'route')).toBe(true);
    expect(isAllowed('ROUTED', 'start')).toBe(true);
    expect(isAllowed('IN_PROGRESS', 'complete')).toBe(true);
    expect(isAllowed('FULFILLED', 'rate')).toBe(true);
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'cancel'))).toEqual(['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED']);
  });

  it('the way back: a supervisor cancels at any state before FULFILLED; the fulfiller hands back a routed or started order; the claim is reassigned while someone holds it', () => {
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'supervisor_cancel'))).toEqual(['PLACED', 'OFFERED', 'CLAIMED', 'ESCALATED', 'ROUTED', 'IN_PROGRESS']);
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'hand_back'))).toEqual(['ROUTED', 'IN_PROGRESS']);
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'reassign'))).toEqual(['CLAIMED', 'ROUTED', 'IN_PROGRESS']);
  });

  it('nothing leaves CLOSED or CANCELLED; a CLOSED order only has its follow-up case closed, which moves no status', () => {
    for (const action of Object.keys(ALLOWED_FROM) as OrderAction[]) {
      expect(isAllowed('CLOSED', action)).toBe(action === 'close_follow_up');
      expect(isAllowed('CANCELLED', action)).toBe(false);
    }
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'close_follow_up'))).toEqual(['CLOSED']);
  });

  it('the committee as backstop starts an escalated order itself, from CLAIMED or ESCALATED', () => {
    expect(ORDER_STATUSES.filter((status) => isAllowed(status, 'start_directly'))).toEqual(['CLAIMED', 'ESCALATED']);
  });

  it('an illegal step is a domain refusal naming the status and the action (answered as 409)', () => {
    let thrown: unknown;
    try {
      assertAllowed({ id: 'ord_1', status: 'PLACED' }, 'start');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TransitionRefused);
    expect(thrown).toMatchObject({ currentStatus: 'PLACED', action: 'start', message: 'Order ord_1 is PLACED: it cannot be started now' });
  });

  it('routing an order that is not claimed yet says a fresh claim may still be on its way from matching', () => {
    const detailOf = (status: 'OFFERED' | 'CANCELLED') => {
      try {
        assertAllowed({ id: 'ord_2', status }, 'route');
      } catch (error) {
        return (error as TransitionRefused).message;
      }
      return undefined;
    };
    expect(detailOf('OFFERED')).toMatch(/^Order ord_2 is OFFERED: it cannot be routed now \(a claim accepted by matching reaches orders through Kafka/);
    expect(detailOf('CANCELLED')).toBe('Order ord_2 is CANCELLED: it cannot be routed now');
  });
});
